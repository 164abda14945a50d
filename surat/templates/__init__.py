"""The shipped Word templates of the four letter kinds and the placeholder emblem.

``permohonan.docx``, ``persetujuan.docx``, ``tugas.docx``, ``konseling.docx``
and ``lambang.png`` are built by ``python tools/build_templates.py`` in the
source tree from each kind's ``template()``; edit those, not the .docx files.

An office's own emblem replaces the placeholder through its profile::

    # kantor.toml
    logo = "lambang-kota.png"   # PNG or JPEG, relative to the profile's folder

An office's own layout: ``surat templat salin persetujuan ./templat`` copies a
built-in template to edit in Word; ``surat templat periksa FILE.docx`` lists the
fields it needs and checks them against the kind; ``[templat] persetujuan =
"templat/persetujuan.docx"`` in the profile makes ``surat.render("persetujuan", ...)``
fill it.
"""
