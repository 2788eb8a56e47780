"""How postings lie on disk: Whoosh's W3 codec, except that each block keeps its document numbers, weights
and positions apart (each zlib-compressed) behind a fixed-size header, so that counting matches reads only
document numbers, ranking adds the weights, and only phrases decode positions; a posting's positions are
an array of 32-bit gaps, decoded in C.

A block's values are each posting's size followed by the values themselves, so a phrase reads a block's
positions as one array. Whoosh's own W3 block is one pickled, compressed tuple of all three behind a pickled
header, and each posting's positions are pickled again: finding which of 100,000 articles hold "hợp tác xã" decompressed and
unpickled every position of every article. Term vectors (not used by htx) keep Whoosh's layout.

The codec is pickled into each segment and the positions format into the schema: both must stay importable
from this module, and changing either means ``htx reindex``.
"""

import struct
import sys
import zlib
from array import array
from collections.abc import Callable, Iterator
from functools import partial
from itertools import accumulate

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3LeafMatcher, W3PostingsWriter
from whoosh.formats import Positions
from whoosh.util.numeric import byte_to_length, length_to_byte

# size of the rest of the block (negative for a term's last block), postings, last document number,
# highest weight, shortest and longest field length (as bytes), size of the ids part, size of the weights part
_HEADER = struct.Struct("<iIIfBBII")

Block = tuple[tuple[int, ...], array | None, Callable[[], tuple[array, bytes]]]  # ids, weights, values to decode


def _to_bytes(numbers: array) -> bytes:
    """An array's bytes in little-endian order, whatever the machine's."""
    if sys.byteorder == "big":
        numbers = array(numbers.typecode, numbers)
        numbers.byteswap()
    return numbers.tobytes()


def _from_bytes(typecode: str, data: bytes) -> array:
    numbers = array(typecode, data)
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers


class AnalyzedPositions(Positions):
    """Whoosh's Positions format, fed straight from the analyzer's ``positions`` (no Token objects), with
    positions stored as gaps in a little-endian array of 32-bit numbers."""

    def word_values(self, value, analyzer, **kwargs):
        for term, found in analyzer.positions(value).items():
            yield term, len(found), len(found) * self.field_boost, self.encode(found)

    def encode(self, positions: list[int]) -> bytes:
        return _to_bytes(array("I", (position - before for position, before in zip(positions, [0, *positions]))))

    def decode_positions(self, value: bytes) -> list[int]:
        return list(accumulate(_from_bytes("I", value)))

    def decode_frequency(self, value: bytes) -> int:
        return len(value) // 4


class PostingsCodec(W3Codec):
    """Whoosh's W3 codec with blocks laid out as this module describes."""

    def postings_writer(self, dbfile, byteids=False):
        return _PostingsWriter(dbfile, self._blocklimit, byteids, self._compression, self._inlinelimit)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term, scorer)
        offset, length = terminfo.extent()
        return PostingsMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


class _PostingsWriter(W3PostingsWriter):
    def _write_block(self, last=False):
        if self._byteids:  # term vectors: Whoosh reads them with its own matcher
            return super()._write_block(last)
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        level, ids = self._compression, self._ids
        deltas = zlib.compress(_to_bytes(array("I", (doc - before for doc, before in zip(ids, [0, *ids])))), level)
        ones = all(weight == 1.0 for weight in self._weights)
        weights = b"" if ones else zlib.compress(_to_bytes(self._weights), level)
        values = b"".join(self._values)  # a format with values gives one per posting (one array of gaps in htx's)
        values = zlib.compress(_to_bytes(array("I", map(len, self._values))) + values, level) if values else b""
        size = len(deltas) + len(weights) + len(values)
        self._postfile.write(_HEADER.pack(
            -size if last else size, len(ids), ids[-1], self._maxweight,
            length_to_byte(self._minlength), length_to_byte(self._maxlength), len(deltas), len(weights),
        ))
        self._postfile.write(deltas + weights + values)
        self._blockcount += 1
        self._new_block()


def block_values(postfile, offset: int, size: int, count: int) -> tuple[array, bytes]:
    """A block's values: each posting's length in bytes, and the values one after the other (none: all 0)."""
    if not size:
        return array("I", [0]) * count, b""
    data = zlib.decompress(postfile.get(offset, size))
    return _from_bytes("I", data[: 4 * count]), data[4 * count :]


class PostingsMatcher(W3LeafMatcher):
    """Whoosh's block matcher over this codec's blocks; :meth:`blocks` reads a term's postings wholesale."""

    def _goto(self, position):
        self._ids = self._weights = self._values = None
        self._i = 0
        (size, self._blocklength, self._maxid, self._maxweight, shortest, longest,
         self._idsize, self._weightsize) = _HEADER.unpack(self._postfile.get(position, _HEADER.size))
        self._lastblock = size < 0
        self._dataoffset = position + _HEADER.size
        self._nextoffset = self._dataoffset + abs(size)
        self._minlength, self._maxlength = byte_to_length(shortest), byte_to_length(longest)

    def _read_ids(self):
        deltas = zlib.decompress(self._postfile.get(self._dataoffset, self._idsize))
        self._ids = tuple(accumulate(_from_bytes("I", deltas)))

    def _read_weights(self):
        if not self._weightsize:
            self._weights = array("f", [1.0]) * self._blocklength
        else:
            data = self._postfile.get(self._dataoffset + self._idsize, self._weightsize)
            self._weights = _from_bytes("f", zlib.decompress(data))

    def _values_reader(self) -> Callable[[], tuple[array, bytes]]:
        start = self._dataoffset + self._idsize + self._weightsize
        return partial(block_values, self._postfile, start, self._nextoffset - start, self._blocklength)

    def _read_values(self):
        sizes, data = self._values_reader()()
        if not data:
            self._values = (None,) * self._blocklength
            return
        ends = list(accumulate(sizes))
        self._values = tuple(data[end - size : end] for size, end in zip(sizes, ends))

    def blocks(self, weights: bool = False) -> Iterator[Block]:
        """Every remaining block: its document numbers, with ``weights`` its weights (else None), and a
        function that decodes its values when called (see :func:`block_values`)."""
        while self.is_active():
            self._read_ids()
            if weights:
                self._read_weights()
            yield self._ids, self._weights, self._values_reader()
            self._next_block()
