"""An sRGB ICC profile for the PDF/A output intent, made by LittleCMS through Pillow.

Pillow (already a dependency) builds LittleCMS's own sRGB profile in memory ("No copyright,
use freely"), so no profile file has to be shipped or installed. LittleCMS stamps the
profile with the time it was made; that stamp is fixed here so builds stay byte-identical.
"""

from __future__ import annotations

import struct
from functools import cache

from PIL import ImageCms

_DATE = slice(24, 36)  # the ICC header's creation date: six big-endian 16-bit numbers
_FIXED_DATE = struct.pack(">6H", 2000, 1, 1, 0, 0, 0)


@cache  # a pure function of nothing: the same bytes every call
def srgb_profile() -> bytes:
    """The bytes of an sRGB ICC profile with a fixed creation date (its profile ID left unset)."""
    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    data[_DATE] = _FIXED_DATE
    data[84:100] = bytes(16)  # the MD5 profile ID would cover the date: zero means "not computed"
    return bytes(data)
