"""The register on a PostgreSQL server, shared by every office application.

The counter row is the lock: the upsert that increments it holds the row until
the transaction that also writes the agenda row commits, so a number is
either issued and recorded or neither. READ COMMITTED is forced (under
REPEATABLE READ a waiting issuer would fail instead of seeing the new value).

A number is handed out only once it is as durable as the server's
``synchronous_commit`` makes any commit: see :data:`TAKE` and :data:`BARRIER`
for how the counter is released before the disk flush without giving that up.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import SuratError
from .base import ConflictError, Migration, Row

if TYPE_CHECKING:
    import psycopg

__all__ = ["PostgresStore", "describe_url"]

CONNECT_TIMEOUT_S = 5

#: One advisory lock key for schema creation: CREATE TABLE IF NOT EXISTS alone
#: is not race-free when two applications open an empty database at once.
SCHEMA_LOCK = "SELECT pg_advisory_xact_lock(7364734190711521)"

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS surat_meta (
        key   text PRIMARY KEY,
        value text NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS surat_counter (
        name    text PRIMARY KEY,
        last    integer NOT NULL,
        tanggal date NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS surat_agenda (
        id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        buku          text NOT NULL CHECK (buku IN ('keluar', 'masuk', 'kasus')),
        kode          text NOT NULL,
        kop           text NOT NULL DEFAULT '',
        counter       text NOT NULL REFERENCES surat_counter (name),
        urut          integer NOT NULL CHECK (urut > 0),
        sisipan       text NOT NULL DEFAULT '',
        nomor         text NOT NULL,
        tanggal       date NOT NULL,
        tahun         integer NOT NULL,
        klasifikasi   text NOT NULL DEFAULT '',
        perihal       text NOT NULL,
        tujuan        text NOT NULL DEFAULT '',
        dari          text NOT NULL DEFAULT '',
        nomor_surat   text NOT NULL DEFAULT '',
        tanggal_surat date,
        status        text NOT NULL DEFAULT 'aktif' CHECK (status IN ('aktif', 'batal')),
        alasan_terbit text,
        alasan_batal  text,
        created_at    timestamptz NOT NULL DEFAULT now(),
        batal_at      timestamptz,
        batch         text,
        nomor_registrasi text NOT NULL DEFAULT '',
        UNIQUE (counter, urut, sisipan),
        UNIQUE (buku, kode, nomor)
    )""",
    # schema 4's index (an older register gets it from its migration)
    "CREATE INDEX IF NOT EXISTS surat_agenda_kop ON surat_agenda (buku, kode, kop, tahun)",
)

#: Schema 2: letters carry their case's registration number; the case book
#: keeps its Simfoni-PPA categories and the SOP steps of each case. (Its index on
#: the letters' case, made by the step to schema 2, is schema 9's since then.)
KASUS_INDEX_2 = (
    "CREATE INDEX IF NOT EXISTS surat_agenda_kasus ON surat_agenda (kode, nomor_registrasi)"
)
SCHEMA_2 = (
    """CREATE TABLE IF NOT EXISTS surat_kategori (
        kasus_id        bigint PRIMARY KEY REFERENCES surat_agenda (id),
        jenis_kekerasan text NOT NULL,
        tempat_kejadian text NOT NULL,
        hubungan_pelaku text NOT NULL,
        layanan         text NOT NULL,
        jenis_kelamin   text NOT NULL,
        kelompok_umur   text NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS surat_langkah (
        id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kasus_id   bigint NOT NULL REFERENCES surat_agenda (id),
        sop        text NOT NULL,
        langkah    integer NOT NULL CHECK (langkah > 0),
        kegiatan   text NOT NULL,
        mutu_baku  integer NOT NULL CHECK (mutu_baku > 0),
        mulai      timestamptz NOT NULL,
        selesai    timestamptz NOT NULL CHECK (selesai >= mulai),
        oleh       text NOT NULL,
        hasil      text NOT NULL CHECK (hasil IN ('selesai', 'dikembalikan')),
        catatan    text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now()
    )""",
    "CREATE INDEX IF NOT EXISTS surat_langkah_kasus ON surat_langkah (kasus_id, mulai)",
)

#: Schema 4: one outgoing book per letterhead (``kop``, the code its numbers
#: print; '' for the office's own, which every older row belongs to). Its index
#: replaces schema 1's (buku, kode, tahun), whose queries it serves as well.
SCHEMA_4 = (
    "ALTER TABLE surat_agenda ADD COLUMN IF NOT EXISTS kop text NOT NULL DEFAULT ''",
    "CREATE INDEX IF NOT EXISTS surat_agenda_kop ON surat_agenda (buku, kode, kop, tahun)",
    "DROP INDEX IF EXISTS surat_agenda_tahun",
)

#: Schema 5: the protected words of each case as keyed digests (HMAC-SHA256), never
#: the words; the key is the register's own secret, 32 bytes made with the table
#: from two gen_random_uuid() (the server's strong random source; 244 random bits).
#: It never leaves the register.
SCHEMA_5 = (
    """CREATE TABLE IF NOT EXISTS surat_kunci (
        nama  text PRIMARY KEY,
        kunci bytea NOT NULL CHECK (length(kunci) = 32)
    )""",
    """INSERT INTO surat_kunci (nama, kunci)
    VALUES ('kata', decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),
                           'hex'))
    ON CONFLICT (nama) DO NOTHING""",
    """CREATE TABLE IF NOT EXISTS surat_kata (
        kasus_id bigint NOT NULL REFERENCES surat_agenda (id),
        digest   bytea NOT NULL CHECK (length(digest) = 32),
        PRIMARY KEY (kasus_id, digest)
    )""",
)

#: Schema 6: the electronic paraf of each outgoing letter, and its electronic
#: signature. Both are written once and never changed: the time of each is the
#: register's clock (a time given by the writer is refused), no paraf is
#: recorded for a letter once it is signed. The statements run under the
#: schema lock: dropping a trigger before creating it is then idempotent.
SCHEMA_6 = (
    """CREATE TABLE IF NOT EXISTS surat_paraf (
        id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        surat_id bigint NOT NULL REFERENCES surat_agenda (id),
        peran    text NOT NULL,
        jabatan  text NOT NULL,
        nip      text NOT NULL DEFAULT '',
        waktu    timestamptz NOT NULL DEFAULT now(),
        UNIQUE (surat_id, peran)
    )""",
    """CREATE TABLE IF NOT EXISTS surat_tte (
        surat_id bigint PRIMARY KEY REFERENCES surat_agenda (id),
        waktu    timestamptz NOT NULL DEFAULT now()
    )""",
    """CREATE OR REPLACE FUNCTION surat_paraf_catat() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.waktu IS DISTINCT FROM now() THEN
            RAISE EXCEPTION 'surat_paraf: waktu is the register''s own clock';
        END IF;
        IF EXISTS (SELECT 1 FROM surat_tte WHERE surat_id = NEW.surat_id) THEN
            RAISE EXCEPTION 'surat_paraf: the letter is signed already';
        END IF;
        RETURN NEW;
    END $$""",
    """CREATE OR REPLACE FUNCTION surat_tte_catat() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.waktu IS DISTINCT FROM now() THEN
            RAISE EXCEPTION 'surat_tte: waktu is the register''s own clock';
        END IF;
        RETURN NEW;
    END $$""",
    """CREATE OR REPLACE FUNCTION surat_tetap() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION USING MESSAGE =
            TG_TABLE_NAME || ': a recorded paraf or signature is never changed or removed';
    END $$""",
    "DROP TRIGGER IF EXISTS surat_paraf_catat ON surat_paraf",
    "CREATE TRIGGER surat_paraf_catat BEFORE INSERT ON surat_paraf "
    "FOR EACH ROW EXECUTE FUNCTION surat_paraf_catat()",
    "DROP TRIGGER IF EXISTS surat_paraf_tetap ON surat_paraf",
    "CREATE TRIGGER surat_paraf_tetap BEFORE UPDATE OR DELETE ON surat_paraf "
    "FOR EACH ROW EXECUTE FUNCTION surat_tetap()",
    "DROP TRIGGER IF EXISTS surat_tte_catat ON surat_tte",
    "CREATE TRIGGER surat_tte_catat BEFORE INSERT ON surat_tte "
    "FOR EACH ROW EXECUTE FUNCTION surat_tte_catat()",
    "DROP TRIGGER IF EXISTS surat_tte_tetap ON surat_tte",
    "CREATE TRIGGER surat_tte_tetap BEFORE UPDATE OR DELETE ON surat_tte "
    "FOR EACH ROW EXECUTE FUNCTION surat_tetap()",
)

#: Schema 7: a case is closed (penutupan, with its reason) and may be reopened; each
#: closing and reopening is one row, the latest says whether the case is closed.
SCHEMA_7 = (
    """CREATE TABLE IF NOT EXISTS surat_penutupan (
        id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kasus_id   bigint NOT NULL REFERENCES surat_agenda (id),
        tindakan   text NOT NULL CHECK (tindakan IN ('tutup', 'buka')),
        tanggal    date NOT NULL,
        alasan     text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
    )""",
    "CREATE INDEX IF NOT EXISTS surat_penutupan_kasus ON surat_penutupan (kasus_id, id)",
)

#: Schema 8: the documents of each case (no personal data: the kind, dates, the
#: agenda number, the SOP step it evidences, the caller's key); one per case, kind
#: and key, so that a reprint records nothing new.
SCHEMA_8 = (
    """CREATE TABLE IF NOT EXISTS surat_dokumen (
        id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kasus_id bigint NOT NULL REFERENCES surat_agenda (id),
        jenis    text NOT NULL,
        kunci    text NOT NULL DEFAULT '',
        tanggal  date NOT NULL,
        nomor    text,
        buku     text CHECK (buku IN ('keluar', 'masuk')),
        tahap    text NOT NULL DEFAULT '',
        sop      text,
        langkah  integer CHECK (langkah > 0),
        dicatat  timestamptz NOT NULL DEFAULT now(),
        CHECK ((nomor IS NULL) = (buku IS NULL)),
        CHECK ((sop IS NULL) = (langkah IS NULL)),
        UNIQUE (kasus_id, jenis, kunci)
    )""",
)

#: Schema 9: the index of the letters' case holds only the letters that have
#: one (``nomor_registrasi <> ''``): most letters have none, and every one of
#: them wrote an entry (a B-tree page) in the index that no query looks for.
#: A query by case says ``nomor_registrasi <> ''`` too, so that the planner
#: may use the index whatever the parameter's value
#: (:data:`~surat.numbering.sql.CASE_LETTERS`).
SCHEMA_9 = (
    "DROP INDEX IF EXISTS surat_agenda_kasus",
    "CREATE INDEX IF NOT EXISTS surat_agenda_kasus ON surat_agenda (kode, nomor_registrasi) "
    "WHERE nomor_registrasi <> ''",
)

#: What turns a register of schema N-1 into schema N, run once under the schema lock.
MIGRATIONS: dict[int, tuple[Migration, ...]] = {
    2: (
        "ALTER TABLE surat_agenda ADD COLUMN IF NOT EXISTS nomor_registrasi text NOT NULL "
        "DEFAULT ''",
        KASUS_INDEX_2,
        *SCHEMA_2,
    ),
    # schema 3: the numbers a running batch holds until its pack is written
    3: ("ALTER TABLE surat_agenda ADD COLUMN IF NOT EXISTS batch text",),
    # schema 4: one outgoing book per letterhead
    4: SCHEMA_4,
    # schema 5: the protected words of each case, as keyed digests
    5: SCHEMA_5,
    # schema 6: electronic parafs and signatures, written once, never changed
    6: SCHEMA_6,
    # schema 7: a case closed and reopened
    7: SCHEMA_7,
    # schema 8: the documents of each case
    8: SCHEMA_8,
    # schema 9: the index of the letters' case holds only letters that have one
    9: SCHEMA_9,
}

#: Opening an existing register runs no DDL (and needs no CREATE privilege).
HAS_SCHEMA = """
SELECT count(*) AS present FROM pg_tables
WHERE schemaname = current_schema() AND tablename = 'surat_meta'
"""

#: The fast path: one statement creates the year's counter or increments it
#: under a row lock held until commit, and returns the new value with the
#: latest date the counter has seen. ON CONFLICT makes the first use race-free.
UPSERT = """
INSERT INTO surat_counter (name, last, tanggal) VALUES (?, 1, ?)
ON CONFLICT (name) DO UPDATE
    SET last = surat_counter.last + 1,
        tanggal = GREATEST(surat_counter.tanggal, EXCLUDED.tanggal)
RETURNING last, tanggal
"""


#: The fast path, in one statement: counter upsert and agenda row, run as
#: their own transaction so the counter row is never locked across a client
#: round trip. Its commit is asynchronous (synchronous_commit off for this
#: transaction only): the row lock is released without waiting for the disk,
#: and the next issuer's commit can share the next WAL flush (group commit).
#: Durability comes from BARRIER before the number is handed out. A backdated
#: letter (unless the policy is plain 'urut') updates nothing and returns no
#: row: the caller takes the general path.
TAKE = """
WITH early AS (
    SELECT set_config('synchronous_commit', 'off', true) AS setting
), taken AS (
    INSERT INTO surat_counter AS c (name, last, tanggal) SELECT ?::text, 1, ?::date FROM early
    ON CONFLICT (name) DO UPDATE
        SET last = c.last + 1, tanggal = GREATEST(c.tanggal, EXCLUDED.tanggal)
        WHERE c.tanggal <= EXCLUDED.tanggal OR ?::boolean
    RETURNING last
), fmt AS (
    SELECT last, ?::text AS prefix, ?::integer AS width, ?::text AS suffix FROM taken
)
INSERT INTO surat_agenda (buku, kode, kop, counter, tanggal, tahun, klasifikasi, perihal,
    tujuan, dari, nomor_surat, tanggal_surat, alasan_terbit, batch, nomor_registrasi,
    urut, sisipan, nomor)
SELECT ?::text, ?::text, ?::text, ?::text, ?::date, ?::integer, ?::text, ?::text, ?::text,
    ?::text, ?::text, ?::date, ?::text, ?::text, ?::text,
    last, '', prefix || lpad(last::text, greatest(width, length(last::text)), '0') || suffix
FROM fmt
RETURNING urut, nomor, id
"""


#: Touching the new agenda row writes WAL, so this transaction commits
#: synchronously (as the server's synchronous_commit says) and its flush, which
#: lies after TAKE's commit record in the WAL, makes TAKE durable too. (A
#: transaction that writes no WAL would commit without a flush.) WAL is flushed
#: in order, so after a crash the recovered numbers of a counter are always
#: 1..k: a later number cannot outlive an earlier one, and no number is handed
#: out before it is on disk. Each issuer touches its own row: no waiting.
BARRIER = "UPDATE surat_agenda SET status = status WHERE id = %s"


#: The query parameters a described URL keeps: where the server is and how it
#: is reached. Anything else (``password``, ``sslpassword``, a misspelt key
#: holding a password) is left out.
_SHOWN_PARAMS = frozenset({"host", "hostaddr", "port", "dbname", "sslmode", "target_session_attrs"})


def describe_url(url: str) -> str:
    """A PostgreSQL URL without its password, fit for an error message.

    The servers, the database and the query parameters that name where and
    how to connect are kept; the user and the password, in the user part or
    in the query, never are (a user name says who may reach the register).
    A URL that is too broken to tell its password from its host (an ``@``
    after the host) is not shown at all. No parsing step
    can fail: an unclosed ``[``, a bad ``%`` escape or a space is shown as
    typed, without the password.

    >>> describe_url("postgresql://clerk:secret@db.example:5433/agenda")
    'postgresql://db.example:5433/agenda'
    >>> describe_url("postgresql://db.example/agenda?user=clerk&password=secret&sslmode=require")
    'postgresql://db.example/agenda?sslmode=require'
    >>> describe_url("postgresql://clerk:secret@[::1/agenda")
    'postgresql://[::1/agenda'
    >>> describe_url("postgresql://clerk:se/cret@db.example/agenda")
    'postgresql://(URL tidak ditampilkan)'
    """
    scheme, sep, rest = url.partition("://")
    if not sep:
        return "postgresql://(URL tidak ditampilkan)"
    cut = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    authority, tail = rest[:cut], rest[cut:]
    if "@" in tail:  # the password may run on past the host (libpq reads it up to a '/')
        return f"{scheme}://(URL tidak ditampilkan)"
    hosts = authority.rpartition("@")[2]
    path, _, query = tail.partition("#")[0].partition("?")
    kept = [p for p in query.split("&") if p.partition("=")[0] in _SHOWN_PARAMS]
    return f"{scheme}://{hosts}{path}" + ("?" + "&".join(kept) if kept else "")


#: Why a connection failed, said in fixed words: libpq's own message may quote
#: the URL or its password, so it is only searched, never shown. The first
#: fragment found in it gives the reason.
_REASONS = (
    ("password authentication failed", "server menolak sandinya"),
    ("no password supplied", "server meminta sandi"),
    ("does not exist", "pengguna atau basis data tidak ada di server"),
    ("pg_hba.conf", "server tidak menerima pengguna ini dari mesin ini (pg_hba.conf)"),
    (
        "Connection refused",
        "tidak ada yang menjawab di host dan port itu (apakah server berjalan?)",
    ),
    ("timeout expired", f"tidak ada jawaban dalam {CONNECT_TIMEOUT_S} s"),
    ("failed to resolve host", "nama host tidak dikenal"),
    ("could not translate host name", "nama host tidak dikenal"),
    ("invalid port", "port harus bilangan 1 sampai 65535"),
    ('option "port"', "port harus bilangan 1 sampai 65535"),
    ("invalid", "sebuah parameter URL bernilai tidak sah"),
)
_UNREADABLE = (
    "URL tidak dapat dibaca (periksa ejaannya: di dalam sandi, spasi ditulis %20, "
    "'%' %25, '@' %40 dan '/' %2F; host IPv6 ditulis di dalam [ ])"
)
_UNKNOWN = "periksa host, port, pengguna, sandi dan basis data, dan bahwa server berjalan"


def _why(exc: Exception) -> str:
    """The fixed reason for a connection error: nothing of its text is shown."""
    import psycopg

    if isinstance(exc, psycopg.ProgrammingError):  # libpq could not parse the URL
        return _UNREADABLE
    text = str(exc)
    return next((reason for fragment, reason in _REASONS if fragment in text), _UNKNOWN)


class _Tx:
    def __init__(self, cur: psycopg.Cursor[dict[str, Any]]) -> None:
        self._cur = cur

    def one(self, sql: str, params: Sequence[object] = ()) -> Row | None:
        return self._cur.execute(sql.replace("?", "%s"), params).fetchone()

    def all(self, sql: str, params: Sequence[object] = ()) -> list[Row]:
        return list(self._cur.execute(sql.replace("?", "%s"), params).fetchall())

    def run(self, sql: str, params: Sequence[object] = ()) -> int:
        return self._cur.execute(sql.replace("?", "%s"), params).rowcount


class PostgresStore:
    """One connection to a PostgreSQL register, reopened when it breaks."""

    backend = "postgresql"
    upsert = UPSERT
    has_schema = HAS_SCHEMA
    schema: tuple[str, ...] = (
        *SCHEMA, *SCHEMA_2, *SCHEMA_5, *SCHEMA_6, *SCHEMA_7, *SCHEMA_8,
        *SCHEMA_9,
    )  # fmt: skip
    migrations = MIGRATIONS
    schema_lock = SCHEMA_LOCK

    def __init__(self, url: str) -> None:
        self._url = url
        self._where = describe_url(url)
        self._conn = self._connect()

    def _connect(self) -> psycopg.Connection[dict[str, Any]]:
        try:
            import psycopg
            from psycopg.rows import dict_row
        except ImportError:
            raise SuratError(
                "buku agenda postgresql:// memerlukan tambahan surat[postgres] "
                "(pip install 'surat[postgres]')"
            ) from None
        try:
            conn = psycopg.connect(
                self._url,
                autocommit=True,
                connect_timeout=CONNECT_TIMEOUT_S,
                row_factory=dict_row,  # rows are read by column name
            )
        except psycopg.Error as exc:
            raise SuratError(
                f"{self._where}: tidak dapat terhubung ke server buku agenda: {_why(exc)}"
            ) from None
        # Transactions are opened by transaction(); this level makes a waiting
        # issuer see the value its predecessor committed.
        conn.isolation_level = psycopg.IsolationLevel.READ_COMMITTED
        return conn

    @contextlib.contextmanager
    def transaction(self, write: bool = True) -> Iterator[_Tx]:
        import psycopg

        if self._conn.closed or self._conn.broken:
            self._conn = self._connect()
        try:
            with self._conn.transaction(), self._conn.cursor() as cur:
                yield _Tx(cur)
        except psycopg.Error as exc:
            raise self._error(exc) from None

    def _error(self, exc: Exception) -> SuratError:
        import psycopg

        if isinstance(exc, psycopg.errors.IntegrityError):
            return ConflictError(f"{self._where}: agenda menolak barisnya ({_primary(exc)})")
        if isinstance(exc, psycopg.OperationalError):
            return SuratError(
                f"{self._where}: server register tidak menjawab ({_primary(exc)}); "
                "periksa agenda sebelum mengambil nomor lagi"
            )
        return SuratError(f"{self._where}: galat register ({_primary(exc)})")

    def take_fast(self, params: Sequence[object]) -> Row | None:
        import psycopg

        if self._conn.closed or self._conn.broken:
            self._conn = self._connect()
        try:
            row = self._conn.execute(TAKE.replace("?", "%s"), params).fetchone()
            if row is not None:
                self._conn.execute(BARRIER, (row["id"],))
        except psycopg.Error as exc:
            raise self._error(exc) from None
        return row

    def close(self) -> None:
        self._conn.close()


def _primary(exc: Exception) -> str:
    """The server's primary message; never libpq's own text (a lost connection's),
    which may quote the URL, nor DETAIL lines, which may quote a whole row."""
    diag = getattr(exc, "diag", None)
    primary = getattr(diag, "message_primary", None)
    if primary and getattr(exc, "sqlstate", None):
        return str(primary)
    return "sambungan terputus" if _lost(exc) else type(exc).__name__


def _lost(exc: Exception) -> bool:
    import psycopg

    return isinstance(exc, psycopg.OperationalError) and not getattr(exc, "sqlstate", None)
