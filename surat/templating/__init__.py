"""Fill a Word template safely: one package, one concept a module.

- :mod:`~surat.templating.engine`: docxtpl made safe (autoescape, the sandbox,
  the template cache, errors that never quote a value); ``fill``.
- :mod:`~surat.templating.filters`: what a printed value looks like; the
  Indonesian filters (``tanggal``, ``terbilang``, ``nip``, ``utuh``...).
- :mod:`~surat.templating.sandbox`: plain data in, nothing else reachable.
- :mod:`~surat.templating.inspect`: a template read without filling it (its
  fields, what it may not do, an edited copy checked against its kind).
- :mod:`~surat.templating.isolation`: an office's own template filled in a
  child process with time and memory limits.
- :mod:`~surat.templating.page`: paper, the profile's page options, properties.
- :mod:`~surat.templating.emblem`: the kop's emblem, placed after filling.
- :mod:`~surat.templating.letter`: :func:`surat.render`, a letter kind or an
  office's template to a :class:`surat.Document`.
- :mod:`~surat.templating.book`: surat's own book and report templates.

Nothing is imported here, so ``import surat`` stays fast: each module is
imported when first used (``surat.templating.inspect`` works as an attribute).
"""

from .._submodules import submodules

__getattr__ = submodules(
    __name__,
    ["book", "emblem", "engine", "filters", "inspect", "isolation", "letter", "page", "sandbox"],
)
