"""How postings lie on disk: Whoosh's W3 codec, except that each block of 128 postings keeps its document
numbers, weights and positions apart (each zlib-compressed) behind a fixed-size header, so that counting
matches reads only document numbers, ranking adds the weights, and only phrases decode positions. A posting's
positions are an array of 32-bit gaps; a block's values are each posting's size followed by the values, so a
phrase reads a block's positions as one array, and a term's blocks are read from disk in one piece.

Whoosh's own W3 block is one pickled, compressed tuple of all three behind a pickled header, and each
posting's positions are pickled again: finding which of 100,000 articles hold "hợp tác xã" decompressed and
unpickled every position of every article. Term vectors (not used by htx) keep Whoosh's layout.

The codec is pickled into each segment and the positions format into the schema: both must stay importable
from this module, and changing either means ``htx reindex``.
"""

import struct
import sys
import zlib
from array import array
from dataclasses import dataclass, field
from itertools import accumulate

import numpy as np

from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3Codec, W3LeafMatcher, W3PerDocWriter, W3PostingsWriter
from whoosh.columns import CompressedBytesColumn, PickleColumn
from whoosh.formats import Positions
from whoosh.util.numeric import byte_to_length, length_to_byte

# size of the rest of the block (negative for a term's last block), postings, last document number,
# highest weight, shortest and longest field length (as bytes), size of the ids part, size of the weights part
_HEADER = struct.Struct("<iIIfBBII")


def _to_bytes(numbers: array) -> bytes:
    """An array's bytes in little-endian order, whatever the machine's."""
    if sys.byteorder == "big":
        numbers = array(numbers.typecode, numbers)
        numbers.byteswap()
    return numbers.tobytes()


def _from_bytes(typecode: str, data: bytes) -> array:
    """The array of little-endian ``data``."""
    numbers = array(typecode, data)
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers


def _gaps(numbers) -> bytes:
    """Ascending numbers as the little-endian 32-bit gaps between them (the first one's from 0)."""
    return _to_bytes(array("I", (number - before for number, before in zip(numbers, [0, *numbers]))))


class AnalyzedPositions(Positions):
    """Whoosh's Positions format, fed straight from the analyzer's ``positions`` (no Token objects), with
    positions stored as gaps in a little-endian array of 32-bit numbers."""

    def word_values(self, value, analyzer, **kwargs):
        for term, found in analyzer.positions(value).items():
            yield term, len(found), len(found) * self.field_boost, self.encode(found)

    def encode(self, positions: list[int]) -> bytes:
        return _gaps(positions)

    def decode_positions(self, value: bytes) -> list[int]:
        return list(accumulate(_from_bytes("I", value)))

    def decode_frequency(self, value: bytes) -> int:
        return len(value) // 4


class PostingsCodec(W3Codec):
    """Whoosh's W3 codec with blocks laid out as this module describes, and stored fields whose per-document
    offsets are written (Whoosh writes them only above 32,768 documents a segment, and otherwise rebuilds them
    in Python for every segment a search shows a hit from: ~1 ms a segment)."""

    def per_document_writer(self, storage, segment):
        return _PerDocWriter(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        return _PostingsWriter(dbfile, self._blocklimit, byteids, self._compression, self._inlinelimit)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term, scorer)
        offset, length = terminfo.extent()
        length = length[0] if isinstance(length, tuple) else length  # W3TermInfo.from_bytes leaves it in a 1-tuple
        return PostingsMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


class _StoredBytes(CompressedBytesColumn):
    class Writer(CompressedBytesColumn.Writer):
        def __init__(self, *args):
            super().__init__(*args)
            self.cutoff = 0  # offsets written whatever the number of documents


class _PerDocWriter(W3PerDocWriter):
    def _create_column(self, fieldname, column):
        super()._create_column(fieldname, PickleColumn(_StoredBytes()) if fieldname == "_stored" else column)


class _PostingsWriter(W3PostingsWriter):
    def _write_block(self, last=False):
        if self._byteids:  # term vectors: Whoosh reads them with its own matcher
            return super()._write_block(last)
        if not self._blockcount:
            self._postfile.write(WHOOSH3_HEADER_MAGIC)
        self._terminfo.add_block(self)
        level, ids = self._compression, self._ids
        deltas = zlib.compress(_gaps(ids), level)
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


def restarting_sums(gaps: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The numbers that ``gaps`` separate, the sum starting again from 0 at each group of ``counts`` gaps (a
    block's document numbers, a posting's positions)."""
    running = np.cumsum(gaps, dtype=np.int64)
    return running - np.repeat(np.concatenate(([0], running))[np.cumsum(counts) - counts], counts)


def _ids(compressed) -> np.ndarray:
    """A block's document numbers (stored as gaps)."""
    return np.cumsum(np.frombuffer(zlib.decompress(compressed), "<u4"), dtype=np.int64)


def _weights(compressed, count: int) -> np.ndarray:
    """A block's weights (none stored: all 1)."""
    return np.frombuffer(zlib.decompress(compressed), "<f4") if compressed else np.ones(count, "<f4")


def block_values(compressed, count: int) -> tuple[array, bytes]:
    """A block's values: each posting's length in bytes, and the values one after the other (a format
    without values: lengths 0 and no bytes)."""
    if not compressed:
        return array("I", [0]) * count, b""
    data = zlib.decompress(compressed)
    return _from_bytes("I", data[: 4 * count]), data[4 * count :]


class PostingsMatcher(W3LeafMatcher):
    """Whoosh's block matcher over this codec's blocks; :meth:`read_all` reads a term's postings wholesale."""

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
        self._ids = _ids(self._postfile.get(self._dataoffset, self._idsize)).tolist()

    def _read_weights(self):
        data = self._postfile.get(self._dataoffset + self._idsize, self._weightsize)
        self._weights = _weights(data, self._blocklength).tolist()

    def _read_values(self):
        start = self._dataoffset + self._idsize + self._weightsize
        sizes, data = block_values(self._postfile.get(start, self._nextoffset - start), self._blocklength)
        if not data:
            self._values = (None,) * self._blocklength
            return
        self._values = tuple(data[end - size : end] for size, end in zip(sizes, accumulate(sizes)))

    def read_all(self, weights: bool = False) -> "TermPostings":
        """The postings from the current block to the term's last, read from disk in one piece (the matcher
        does not move)."""
        ids, found, blocks, count = [], [], [], 0
        if self.is_active():
            start = self._dataoffset - _HEADER.size
            data = memoryview(self._postfile.get(start, self._startoffset + self._length - start))
            position, last = 0, False
            while not last:
                size, length, _, _, _, _, idsize, weightsize = _HEADER.unpack_from(data, position)
                position += _HEADER.size
                end, last = position + abs(size), size < 0
                ids.append(zlib.decompress(data[position : position + idsize]))
                if weights:
                    found.append(_weights(data[position + idsize : position + idsize + weightsize], length))
                blocks.append((count, count + length, data[position + idsize + weightsize : end]))
                position, count = end, count + length
        sizes = np.array([stop - begin for begin, stop, _ in blocks], np.int64)
        ids = restarting_sums(np.frombuffer(b"".join(ids), "<u4"), sizes)  # all blocks at once: a sum per block costs 2x
        if weights:
            found = np.concatenate(found) if found else np.zeros(0, "<f4")
        return TermPostings(ids, found if weights else None, blocks)


@dataclass
class TermPostings:
    """A term's postings in one segment: document numbers (sorted), their weights (when asked for), and its
    blocks as (first posting, end, compressed values)."""

    ids: np.ndarray
    weights: np.ndarray | None
    blocks: list[tuple[int, int, bytes]]
    _decoded: dict = field(default_factory=dict)

    def values(self, block: int) -> tuple[array, bytes]:
        """One block's values (see :func:`block_values`), decoded once."""
        if block not in self._decoded:
            begin, end, compressed = self.blocks[block]
            self._decoded[block] = block_values(compressed, end - begin)
        return self._decoded[block]
