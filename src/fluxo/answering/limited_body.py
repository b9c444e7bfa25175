"""Reading a response body within the size limit, while it streams (SPEC Part III, Q9).

At most `MAX_BODY_BYTES` (1 MiB) may arrive on the wire and at most 1 MiB may come out of
decoding: the limit counts the bytes the JSON parser would see, so a gzip bomb (a few KiB that
inflate to gigabytes) fails after inflating 1 MiB + 1 byte and never more. The fetcher asks for
`Accept-Encoding: gzip` only; a response may be sent as is (`identity` or no header) or as one
gzip member (`gzip`, `x-gzip`). Any other or stacked encoding, a corrupt or truncated gzip
stream, and bytes after the gzip member fail the source (BAD_ENCODING): decoders differ there,
so the one safe rule is not to guess.
"""

import zlib
from typing import Final, NoReturn

import httpx

from fluxo.answering.failure import FailureCode, SourceFailure

MAX_BODY_BYTES: Final = 1 << 20

_GZIP_WBITS: Final = 16 + zlib.MAX_WBITS
_IDENTITY: Final = frozenset({"", "identity"})
_GZIP: Final = frozenset({"gzip", "x-gzip"})


async def read_limited_body(response: httpx.Response) -> bytes:
    """The decoded body of `response`, or `SourceFailure` (TOO_LARGE, BAD_ENCODING)."""
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding not in _IDENTITY | _GZIP:
        raise SourceFailure(FailureCode.BAD_ENCODING, f"Content-Encoding {encoding!r}")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        _too_large(f"Content-Length {declared}")
    decoder = _GzipDecoder() if encoding in _GZIP else None
    received = 0
    body = bytearray()
    stream = response.stream
    if not isinstance(stream, httpx.AsyncByteStream):
        raise TypeError("read_limited_body needs a response from an async transport")
    # The stream itself, not `aiter_raw()`: it is never decoded, and a mock transport's
    # pre-read content streams the same way a socket's does.
    async for chunk in stream:
        received += len(chunk)
        if received > MAX_BODY_BYTES:
            _too_large("on the wire")
        body += chunk if decoder is None else decoder.feed(chunk, MAX_BODY_BYTES - len(body))
    if decoder is not None:
        decoder.finish()
    return bytes(body)


class _GzipDecoder:
    def __init__(self) -> None:
        self._inflater = zlib.decompressobj(_GZIP_WBITS)

    def feed(self, chunk: bytes, room: int) -> bytes:
        """Inflate `chunk`, producing at most `room` bytes, else fail TOO_LARGE."""
        out = bytearray()
        pending = chunk
        while pending:
            if self._inflater.eof:
                _bad_gzip("bytes after the gzip member")
            try:
                # max_length stops inflating one byte past the room left: never more output.
                out += self._inflater.decompress(pending, room - len(out) + 1)
            except zlib.error as error:
                _bad_gzip(str(error))
            if len(out) > room:
                _too_large("after gzip decoding")
            pending = self._inflater.unconsumed_tail
        if self._inflater.unused_data:
            _bad_gzip("bytes after the gzip member")
        return bytes(out)

    def finish(self) -> None:
        if not self._inflater.eof:
            _bad_gzip("the gzip stream is truncated")


def _too_large(where: str) -> NoReturn:
    raise SourceFailure(FailureCode.TOO_LARGE, f"more than {MAX_BODY_BYTES} bytes {where}")


def _bad_gzip(detail: str) -> NoReturn:
    raise SourceFailure(FailureCode.BAD_ENCODING, f"gzip: {detail}")
