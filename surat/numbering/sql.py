"""The statements both backends run, with ``?`` placeholders.

Every query names the columns it reads, and :mod:`surat.numbering.rows`
reads them back by name: a column added to a table, wherever it lands,
shifts nothing. The backends' own statements (the schema, the counter's
upsert, PostgreSQL's one-statement take) are in their modules.
"""

from __future__ import annotations

__all__: list[str] = []

# -- the schema's version ----------------------------------------------------

SELECT_VERSION = "SELECT value FROM surat_meta WHERE key = 'schema_version'"
INSERT_VERSION = "INSERT INTO surat_meta (key, value) VALUES ('schema_version', ?)"
UPDATE_VERSION = "UPDATE surat_meta SET value = ? WHERE key = 'schema_version'"

#: The letters of one case (parameter: its ``nomor_registrasi``, never empty), as
#: `` AND ...`` conditions; *alias* qualifies the agenda's columns. The second
#: condition is the predicate of the partial index ``surat_agenda_kasus``
#: (schema 9): without it the planner could not use the index for a parameter.
CASE_LETTERS = " AND {alias}nomor_registrasi = ? AND {alias}nomor_registrasi <> ''"

# -- taking a number -----------------------------------------------------------

SELECT_COUNTER = "SELECT last, tanggal FROM surat_counter WHERE name = ?"
#: A backdated letter takes no new number: give back the one the upsert took.
UNDO_INCREMENT = "UPDATE surat_counter SET last = last - 1 WHERE name = ?"
#: The regular number a backdated letter is inserted after.
SELECT_SISIPAN_BASE = """
SELECT urut FROM surat_agenda
WHERE counter = ? AND sisipan = '' AND tanggal <= ?
ORDER BY urut DESC LIMIT 1
"""
#: The earliest regular letter of a counter: a backdate before it has nothing to follow.
SELECT_FIRST_REGULAR = """
SELECT min(tanggal) AS first FROM surat_agenda WHERE counter = ? AND sisipan = ''
"""
COUNT_SISIPAN = """
SELECT count(*) AS n FROM surat_agenda WHERE counter = ? AND urut = ? AND sisipan <> ''
"""
#: The office's own outgoing book of a year (rows a register before schema 4 may
#: have printed with a letterhead's code).
SELECT_OFFICE_YEAR = """
SELECT urut, nomor FROM surat_agenda WHERE buku = 'keluar' AND kode = ? AND kop = '' AND tahun = ?
"""
SET_COUNTER = "UPDATE surat_counter SET last = ? WHERE name = ?"
#: Parameters: :meth:`surat.numbering.records.Letter.row`, then urut, sisipan, nomor.
INSERT_ENTRY = """
INSERT INTO surat_agenda (buku, kode, kop, counter, tanggal, tahun, klasifikasi, perihal,
    tujuan, dari, nomor_surat, tanggal_surat, alasan_terbit, batch, nomor_registrasi,
    urut, sisipan, nomor)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""

# -- voiding -----------------------------------------------------------------

VOID = """
UPDATE surat_agenda SET status = 'batal', alasan_batal = ?, batal_at = ?
WHERE buku = ? AND kode = ? AND nomor = ? AND status = 'aktif'
RETURNING counter
"""
#: Locks the counter row first, so that RESET_LATEST's own snapshot (a new
#: statement) sees every letter committed before the lock was granted.
LOCK_COUNTER = "UPDATE surat_counter SET last = last WHERE name = ?"
#: A voided letter no longer dates the agenda: the latest date is that of the
#: counter's latest active letter (or none at all: the second parameter).
RESET_LATEST = """
UPDATE surat_counter SET tanggal = COALESCE(
    (SELECT max(tanggal) FROM surat_agenda WHERE counter = ? AND status = 'aktif'), ?)
WHERE name = ?
"""
SELECT_STATUS = "SELECT status FROM surat_agenda WHERE buku = ? AND kode = ? AND nomor = ?"

# -- reading the books ---------------------------------------------------------

#: What :mod:`surat.numbering.rows` reads of an agenda row, in any book.
_AGENDA = """nomor, urut, sisipan, klasifikasi, tanggal, perihal, tujuan, status,
    alasan_terbit, alasan_batal, created_at, batal_at, dari, nomor_surat, tanggal_surat, batch,
    nomor_registrasi, buku, kop"""
#: Add `` AND ...`` filters (:meth:`surat.Register.entries`), then ORDER_ENTRIES.
SELECT_ENTRIES = f"SELECT {_AGENDA} FROM surat_agenda WHERE buku = ? AND kode = ?"
ORDER_ENTRIES = " ORDER BY tahun, counter, urut, length(sisipan), sisipan"
#: The case book with each case's Simfoni-PPA categories (none for a case
#: registered before schema 2 or without them); filters on ``a.``.
SELECT_CASES = """
SELECT a.nomor AS nomor, a.urut AS urut, a.sisipan AS sisipan, a.klasifikasi AS klasifikasi,
    a.tanggal AS tanggal, a.perihal AS perihal, a.tujuan AS tujuan, a.status AS status,
    a.alasan_terbit AS alasan_terbit, a.alasan_batal AS alasan_batal,
    a.created_at AS created_at, a.batal_at AS batal_at, a.dari AS dari,
    a.nomor_surat AS nomor_surat, a.tanggal_surat AS tanggal_surat, a.batch AS batch,
    a.nomor_registrasi AS nomor_registrasi, a.buku AS buku, a.kop AS kop,
    k.jenis_kekerasan AS jenis_kekerasan, k.tempat_kejadian AS tempat_kejadian,
    k.hubungan_pelaku AS hubungan_pelaku, k.layanan AS layanan,
    k.jenis_kelamin AS jenis_kelamin, k.kelompok_umur AS kelompok_umur
FROM surat_agenda a LEFT JOIN surat_kategori k ON k.kasus_id = a.id
WHERE a.buku = ? AND a.kode = ?"""
ORDER_CASES = " ORDER BY a.tahun, a.counter, a.urut, length(a.sisipan), a.sisipan"
INSERT_KATEGORI = """
INSERT INTO surat_kategori (kasus_id, jenis_kekerasan, tempat_kejadian, hubungan_pelaku,
    layanan, jenis_kelamin, kelompok_umur)
SELECT id, ?, ?, ?, ?, ?, ? FROM surat_agenda WHERE buku = 'kasus' AND kode = ? AND nomor = ?
"""
SELECT_CASE = "SELECT id, status FROM surat_agenda WHERE buku = 'kasus' AND kode = ? AND nomor = ?"

# -- the protected words of a case (schema 5) ------------------------------------

#: The register's own secret for the digests of protected words; never leaves it.
SELECT_KUNCI = "SELECT kunci FROM surat_kunci WHERE nama = 'kata'"
#: A case of this office's case book, active or void (its words stay protected).
SELECT_CASE_ANY = "SELECT id FROM surat_agenda WHERE buku = 'kasus' AND kode = ? AND nomor = ?"
#: Parameters: the word's digest, the case's id. A word already kept is kept once.
INSERT_KATA = """
INSERT INTO surat_kata (kasus_id, digest) VALUES (?, ?) ON CONFLICT (kasus_id, digest) DO NOTHING
"""
SELECT_KATA = "SELECT digest FROM surat_kata WHERE kasus_id = ?"

# -- batches -------------------------------------------------------------------

#: A batch's numbers (in any book: a case's pack takes a case number, an
#: incoming number and letters' numbers) are pending (``batch`` set) from the
#: moment it takes them until its pack is complete; then, in one transaction,
#: they become ordinary active entries - unless one was voided meanwhile, and
#: the batch fails.
SELECT_BATCH_VOIDED = (
    "SELECT nomor FROM surat_agenda WHERE kode = ? AND batch = ? AND status = 'batal'"
)
FINISH_BATCH = "UPDATE surat_agenda SET batch = NULL WHERE kode = ? AND batch = ?"
#: The pending numbers of every book, in the order they were taken.
SELECT_PENDING = f"""
SELECT {_AGENDA} FROM surat_agenda
WHERE kode = ? AND status = 'aktif' AND batch IS NOT NULL ORDER BY id
"""

# -- the steps of a case (SOP) ---------------------------------------------------

#: Parameters: :func:`surat.numbering.langkah.row`.
INSERT_STEP = """
INSERT INTO surat_langkah (kasus_id, sop, langkah, kegiatan, mutu_baku, mulai, selesai, oleh,
    hasil, catatan)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
_STEP = """a.nomor AS nomor, l.sop AS sop, l.langkah AS langkah, l.kegiatan AS kegiatan,
    l.mutu_baku AS mutu_baku, l.mulai AS mulai, l.selesai AS selesai, l.oleh AS oleh,
    l.hasil AS hasil, l.catatan AS catatan, l.created_at AS created_at"""
SELECT_STEPS = f"""
SELECT {_STEP}
FROM surat_langkah l JOIN surat_agenda a ON a.id = l.kasus_id
WHERE l.kasus_id = ? ORDER BY l.mulai, l.id
"""
#: Add `` AND a....`` filters, then ORDER_STEPS.
SELECT_ALL_STEPS = f"""
SELECT {_STEP}
FROM surat_langkah l JOIN surat_agenda a ON a.id = l.kasus_id
WHERE a.buku = ? AND a.kode = ?"""
ORDER_STEPS = " ORDER BY a.tahun, a.counter, a.urut, l.mulai, l.id"

# -- the paraf and the electronic signature of an outgoing letter (schema 6) -----

SELECT_SURAT = """
SELECT id, status FROM surat_agenda WHERE buku = 'keluar' AND kode = ? AND nomor = ?
"""
#: The pack a letter's number is pending in (NULL: none, the letter is complete).
SELECT_SURAT_BATCH = "SELECT batch FROM surat_agenda WHERE id = ?"
#: Locks the letter's agenda row: a paraf and the signature of one letter are
#: recorded one after the other, never side by side.
LOCK_SURAT = "UPDATE surat_agenda SET status = status WHERE id = ?"
INSERT_PARAF = """
INSERT INTO surat_paraf (surat_id, peran, jabatan, nip) VALUES (?, ?, ?, ?) RETURNING waktu
"""
SELECT_PARAF_PERAN = "SELECT waktu FROM surat_paraf WHERE surat_id = ? AND peran = ?"
SELECT_PARAF = """
SELECT peran, jabatan, nip, waktu FROM surat_paraf WHERE surat_id = ? ORDER BY waktu, id
"""
SELECT_TTE = "SELECT waktu FROM surat_tte WHERE surat_id = ?"
INSERT_TTE = "INSERT INTO surat_tte (surat_id) VALUES (?) RETURNING waktu"

# -- closing and reopening a case (schema 7) ----------------------------------------

#: Parameters: kasus_id, tindakan ('tutup' or 'buka'), tanggal, alasan.
INSERT_PENUTUPAN = """
INSERT INTO surat_penutupan (kasus_id, tindakan, tanggal, alasan) VALUES (?, ?, ?, ?)
"""
#: The latest closing or reopening of a case (none: it was never closed).
SELECT_PENUTUPAN = """
SELECT tindakan, tanggal FROM surat_penutupan WHERE kasus_id = ? ORDER BY id DESC LIMIT 1
"""
#: Serialises closing a case with taking a letter's number for it: the case's row is
#: locked (PostgreSQL; SQLite's write transactions are serial already). The case's
#: state is then read by SELECT_PENUTUPAN, a statement of its own, whose snapshot
#: follows the lock and so sees a closing committed while this one waited.
LOCK_CASE = """
UPDATE surat_agenda SET status = status WHERE buku = 'kasus' AND kode = ? AND nomor = ? RETURNING id
"""
SELECT_CASE_DATE = "SELECT tanggal FROM surat_agenda WHERE id = ?"
#: The date of a case's latest active outgoing letter (NULL: none).
SELECT_LAST_LETTER = """
SELECT max(tanggal) AS tanggal FROM surat_agenda
WHERE buku = 'keluar' AND kode = ? AND status = 'aktif'""" + CASE_LETTERS.format(alias="")
#: Every closing and reopening, with its case's number; add `` AND a....`` filters,
#: then ORDER_PENUTUPAN.
SELECT_PENUTUPAN_ALL = """
SELECT a.nomor AS nomor, p.tindakan AS tindakan, p.tanggal AS tanggal, p.alasan AS alasan
FROM surat_penutupan p JOIN surat_agenda a ON a.id = p.kasus_id
WHERE a.buku = ? AND a.kode = ?"""
ORDER_PENUTUPAN = " ORDER BY a.tahun, a.counter, a.urut, p.id"

# -- the documents of a case (schema 8) --------------------------------------------

#: Parameters: kasus_id, jenis, kunci, tanggal, nomor, buku, tahap, sop, langkah. A
#: document recorded already (same case, kind and key) is left as it was.
INSERT_DOKUMEN = """
INSERT INTO surat_dokumen (kasus_id, jenis, kunci, tanggal, nomor, buku, tahap, sop, langkah)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kasus_id, jenis, kunci) DO NOTHING
"""
_DOKUMEN = """a.nomor AS nomor_registrasi, d.jenis AS jenis, d.kunci AS kunci,
    d.tanggal AS tanggal, d.nomor AS nomor, d.buku AS buku, d.tahap AS tahap, d.sop AS sop,
    d.langkah AS langkah, d.dicatat AS dicatat"""
SELECT_DOKUMEN = f"""
SELECT {_DOKUMEN}
FROM surat_dokumen d JOIN surat_agenda a ON a.id = d.kasus_id
WHERE d.kasus_id = ? AND d.jenis = ? AND d.kunci = ?
"""
#: A numbered document of the case, kind and book, by its number (the first recorded).
SELECT_DOKUMEN_NOMOR = f"""
SELECT {_DOKUMEN}
FROM surat_dokumen d JOIN surat_agenda a ON a.id = d.kasus_id
WHERE d.kasus_id = ? AND d.jenis = ? AND d.buku = ? AND d.nomor = ? ORDER BY d.id LIMIT 1
"""
SELECT_DOKUMEN_KASUS = f"""
SELECT {_DOKUMEN}
FROM surat_dokumen d JOIN surat_agenda a ON a.id = d.kasus_id
WHERE d.kasus_id = ? ORDER BY d.tanggal, d.id
"""
#: Add `` AND a....`` filters, then ORDER_DOKUMEN.
SELECT_ALL_DOKUMEN = f"""
SELECT {_DOKUMEN}
FROM surat_dokumen d JOIN surat_agenda a ON a.id = d.kasus_id
WHERE a.buku = ? AND a.kode = ?"""
ORDER_DOKUMEN = " ORDER BY a.tahun, a.counter, a.urut, d.tanggal, d.id"
