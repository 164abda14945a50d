"""Electronic signatures (tanda tangan elektronik, TTE) on letters.

A signed letter is a PAdES-signed PDF (``ETSI.CAdES.detached``, SHA-256)
whose every page carries, in its footer, the statement that it was signed
electronically with a certificate issued by BSrE, the UU ITE Pasal 5 ayat 1
reference and a QR code; the signature's appearance sits in the signature
block's space to sign. The parts:

- :mod:`.signer`: :class:`TTE`, the certificate and key (PKCS#12 or PKCS#11);
- :mod:`.profil`: the office profile's ``[tte]`` table (wording, QR address,
  reason, location, time-stamping service);
- :mod:`.place`: where the signature goes on the converted letter;
- :mod:`.footer`: the footer and the QR code, and what the QR code says;
- :mod:`.sign`: signing a letter, a pack;
- :mod:`.verify`: checking a signed file (``surat tte periksa``).

pyHanko and qrcode come with the ``tte`` extra; nothing here imports them
until a letter is signed or checked.
"""

from __future__ import annotations

from .._submodules import submodules
from .signer import TTE

__all__ = ["TTE"]

__getattr__ = submodules(__name__, ["footer", "pack", "place", "profil", "sign", "verify"])
