"""The shipped Word templates of the letter kinds and reports, and the placeholder emblem.

``permohonan.docx``, ``persetujuan.docx``, ``tugas.docx``, ``konseling.docx``,
``disposisi.docx``, ``kronologi.docx``, ``laporan.docx`` and ``lambang.png``
are built by ``python tools/build_templates.py`` in the source tree, each
template by the ``template()`` of its module in ``surat/templates/_build/``;
edit those, not the .docx files. That package is build time only: surat never
imports it and the wheel does not hold it.

An office's own emblem replaces the placeholder through its profile::

    # kantor.toml
    logo = "lambang-kota.png"   # PNG or JPEG, relative to the profile's folder

An office's own layout: ``surat templat salin persetujuan ./templat`` copies a
built-in template to edit in Word; ``surat templat periksa FILE.docx`` lists the
fields it needs and checks them against the kind; ``[templat] persetujuan =
"templat/persetujuan.docx"`` in the profile makes ``surat.render("persetujuan", ...)``
fill it.
"""
