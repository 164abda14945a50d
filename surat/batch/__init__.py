"""Many letters at once: rows from CSV, XLSX or JSON to one print pack.

The order is what keeps the agenda honest:

1. read and validate EVERY row, and every copy recipient; a bad row stops the
   batch with every problem listed by row number and field, before any number
   is taken or any file is written. What would print a wrong letter is a bad
   row too: a column given twice, a formula without a saved value, an
   identifier (NIP, NIK, phone number) stored as a number; and a date the
   register would not number as it is: more than ``maks_hari_ke_depan`` days
   ahead, or before the latest letter of its agenda book, without the row's
   ``alasan`` (a backdated letter takes an inserted number such as ``002.a``,
   which :attr:`Ringkasan.sisipan` names), or a backdate the office refuses;
2. take one number per letter from the register, each marked with the batch's
   id (``host:pid:random``): :meth:`surat.Register.pending` lists them until
   the pack is complete, so a batch killed without a chance to void them
   leaves them visible;
3. render, convert and pack (letters render while earlier ones convert); once
   the pack is on disk, its numbers are finished in one transaction (refused
   if one was voided meanwhile) and only then does the file take its name;
4. if anything fails after step 2, every number the batch took is voided with
   the reason, the error lists them (or those it could not void), and no output
   file is left.

Steps 2 to 4 are :mod:`surat.pack.workflow`, which ``surat kasus`` and ``surat buat`` share.

The parts: :mod:`~surat.batch.rows` (reading CSV, XLSX, JSON, dicts),
:mod:`~surat.batch.validate` (step 1), :mod:`~surat.batch.run`
(:func:`print_batch`). A ``nomor`` column gives a number already taken; the
batch then takes none for that row. An ``alasan`` column is the agenda's
reason for a row's number (why it is backdated, or dated ahead).
"""

from __future__ import annotations

from ..numbering.pending import BatchError
from .rows import Row, load_rows, nest
from .run import Ringkasan, print_batch
from .validate import validate_rows

__all__ = ["BatchError", "Ringkasan", "Row", "load_rows", "nest", "print_batch", "validate_rows"]
