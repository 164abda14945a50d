"""The shipped Word templates of the four letter kinds and the placeholder emblem.

``permohonan.docx``, ``persetujuan.docx``, ``tugas.docx``, ``konseling.docx``
and ``lambang.png`` are built by ``python -m surat.templates.build`` (see
:mod:`surat.templates.build`); edit the script, not the .docx files.

An office's own emblem replaces the placeholder through its profile::

    # kantor.toml
    logo = "lambang-kota.png"   # PNG or JPEG, relative to the profile's folder

An office's own layout: ``surat templat salin persetujuan ./templat`` copies a
built-in template to edit in Word; ``surat templat periksa FILE.docx`` lists the
fields it needs; ``surat.render("templat/persetujuan.docx", data)`` fills it.
"""
