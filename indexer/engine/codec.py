"""How postings lie on disk: Whoosh's W3 codec, except that each block of 128 postings keeps its document
numbers, weights and positions apart behind a fixed-size header, so that counting matches reads only document
numbers, ranking adds the weights, and only phrases decode positions. Document numbers (as gaps) and weights
are zlib-compressed; positions are not: a block's values are each posting's count of positions followed by
the positions, as plain little-endian numbers of 16 bits (32 when a document is longer than 65,535 words), so
that a phrase turns a term's blocks, read from disk in one piece, into one array without decompressing them.

Whoosh's own W3 block is one pickled, compressed tuple of all three behind a pickled header, and each
posting's positions are pickled again: finding which of 100,000 articles hold "hợp tác xã" decompressed and
unpickled every position of every article. Term vectors (not used by htx) keep Whoosh's layout.

The codec is pickled into each segment and the positions format into the schema: both must stay importable
from this module, and changing either means ``htx reindex`` (raise ``PostingsCodec.LAYOUT``, so that indexes
written before ask for it).
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
from whoosh.query.spans import Span
from whoosh.util.numeric import byte_to_length, length_to_byte

from indexer.engine.analysis import term_syllables

# size of the rest of the block (negative for a term's last block), postings, last document number,
# highest weight, shortest and longest field length (as bytes), size of the ids part, size of the weights part,
# bytes per value number (0: values that are not numbers, or none)
_HEADER = struct.Struct("<iIIfBBIIB")
_NUMBERS = {2: np.dtype("<u2"), 4: np.dtype("<u4")}  # value numbers by their width in bytes


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
    positions as a little-endian array of 32-bit numbers (the form :class:`PostingsCodec` expects values in)."""

    def word_values(self, value, analyzer, **kwargs):
        for term, found in analyzer.positions(value).items():
            yield term, len(found), len(found) * self.field_boost, self.encode(found)

    def encode(self, positions: list[int]) -> bytes:
        return _to_bytes(array("I", positions))

    def decode_positions(self, value: bytes) -> list[int]:
        return _from_bytes("I", value).tolist()

    def decode_frequency(self, value: bytes) -> int:
        return len(value) // 4


class PostingsCodec(W3Codec):
    """Whoosh's W3 codec with blocks laid out as this module describes, and stored fields whose per-document
    offsets are written (Whoosh writes them only above 32,768 documents a segment, and otherwise rebuilds them
    in Python for every segment a search shows a hit from: ~1 ms a segment). Values of :class:`AnalyzedPositions`
    fields are stored as numbers; other formats' values (Whoosh's own) as bytes, zlib-compressed."""

    LAYOUT = 2  # the block layout this code reads; segments pickle the codec, so each knows what it was written with

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.layout = self.LAYOUT

    @classmethod
    def wrote(cls, segment) -> bool:
        """True when ``segment`` was written with this codec and block layout."""
        return isinstance(segment.codec(), cls) and getattr(segment.codec(), "layout", 1) == cls.LAYOUT

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
        width, values = _stored_values(self._values, isinstance(self._format, AnalyzedPositions), level)
        size = len(deltas) + len(weights) + len(values)
        self._postfile.write(_HEADER.pack(
            -size if last else size, len(ids), ids[-1], self._maxweight,
            length_to_byte(self._minlength), length_to_byte(self._maxlength), len(deltas), len(weights), width,
        ))
        self._postfile.write(deltas + weights + values)
        self._blockcount += 1
        self._new_block()


def _stored_values(values: list[bytes], numbers: bool, level: int) -> tuple[int, bytes]:
    """A block's values as stored, and the width of their numbers. ``numbers`` (values that are arrays of
    32-bit numbers, as :class:`AnalyzedPositions` writes them): each posting's count of numbers followed by all
    the numbers, 16 bits each if they fit, else 32. Other formats' values (width 0): each one's size in bytes
    followed by the values, zlib-compressed. No values: nothing."""
    if not values:
        return 0, b""
    if not numbers:
        return 0, zlib.compress(_to_bytes(array("I", map(len, values))) + b"".join(values), level)
    found = np.concatenate([[len(value) // 4 for value in values], np.frombuffer(b"".join(values), "<u4")])
    width = 2 if found.max() < 2**16 else 4
    return width, found.astype(_NUMBERS[width]).tobytes()


def _counted_numbers(data, postings: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    """A block's values stored as numbers (see :func:`_stored_values`): how many numbers each posting has, and
    all of them."""
    if not width:
        raise ValueError("these postings' values are not numbers: only AnalyzedPositions fields have positions to line up")
    numbers = np.frombuffer(data, _NUMBERS[width])
    return numbers[:postings].astype(np.int64), numbers[postings:]


def _restarting_sums(gaps: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The numbers that ``gaps`` separate, the sum starting again from 0 at each group of ``counts`` gaps (the
    document numbers of a term's blocks)."""
    running = np.cumsum(gaps, dtype=np.int64)
    return running - np.repeat(np.concatenate(([0], running))[np.cumsum(counts) - counts], counts)


def _ids(compressed) -> np.ndarray:
    """A block's document numbers (stored as gaps)."""
    return np.cumsum(np.frombuffer(zlib.decompress(compressed), "<u4"), dtype=np.int64)


def _weights(compressed, count: int) -> np.ndarray:
    """A block's weights (none stored: all 1)."""
    return np.frombuffer(zlib.decompress(compressed), "<f4") if compressed else np.ones(count, "<f4")


class PostingsMatcher(W3LeafMatcher):
    """Whoosh's block matcher over this codec's blocks; :meth:`read_all` reads a term's postings wholesale."""

    def spans(self):
        """Where the term stands; a multi-syllable word's term spans its syllables, so that Whoosh's phrases
        look for the next word after the last one (htx puts such a term before another word of a phrase only
        for words that are always written in full)."""
        size = term_syllables(self._term[1].decode("utf-8")) if self._term else 1
        if size == 1:
            return super().spans()
        return [Span(position, position + size - 1) for position in self.value_as("positions")]

    def _goto(self, position):
        self._ids = self._weights = self._values = None
        self._i = 0
        (size, self._blocklength, self._maxid, self._maxweight, shortest, longest,
         self._idsize, self._weightsize, self._width) = _HEADER.unpack(self._postfile.get(position, _HEADER.size))
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
        if start == self._nextoffset:
            self._values = (None,) * self._blocklength
            return
        stored = self._postfile.get(start, self._nextoffset - start)
        if self._width:
            counts, numbers = _counted_numbers(stored, self._blocklength, self._width)
            sizes, data = (4 * counts).tolist(), numbers.astype("<u4").tobytes()
        else:
            data = zlib.decompress(stored)
            sizes, data = _from_bytes("I", data[: 4 * self._blocklength]), data[4 * self._blocklength :]
        self._values = tuple(data[end - size : end] for size, end in zip(sizes, accumulate(sizes)))

    def read_all(self) -> "TermPostings":
        """The postings from the current block to the term's last, read from disk in one piece (the matcher
        does not move)."""
        ids, blocks = [], []
        if self.is_active():
            start = self._dataoffset - _HEADER.size
            data = memoryview(self._postfile.get(start, self._startoffset + self._length - start))
            position, last = 0, False
            while not last:
                size, length, _, _, _, _, idsize, weightsize, width = _HEADER.unpack_from(data, position)
                position += _HEADER.size
                end, last = position + abs(size), size < 0
                ids.append(zlib.decompress(data[position : position + idsize]))
                weights = position + idsize + weightsize
                blocks.append((length, width, data[position + idsize : weights], data[weights:end]))
                position = end
        sizes = np.array([length for length, _, _, _ in blocks], np.int64)
        ids = _restarting_sums(np.frombuffer(b"".join(ids), "<u4"), sizes)  # all blocks at once: a sum per block costs 2x
        return TermPostings(ids, blocks)


@dataclass
class TermPostings:
    """A term's postings in one segment: document numbers (sorted), and its blocks as stored (postings, width
    of the value numbers, weights, values). Weights and positions are decoded when first asked for."""

    ids: np.ndarray
    blocks: list[tuple[int, int, bytes, bytes]]
    _weights: np.ndarray | None = field(default=None, repr=False)
    _positions: tuple | None = field(default=None, repr=False)

    def weights(self) -> np.ndarray:
        """Each posting's weight."""
        if self._weights is None:
            found = [_weights(stored, postings) for postings, _, stored, _ in self.blocks]
            self._weights = np.concatenate(found) if found else np.zeros(0, "<f4")
        return self._weights

    def values_size(self) -> int:
        """How many bytes the values (positions) take as stored."""
        return sum(len(values) for _, _, _, values in self.blocks)

    def positions(self) -> tuple[np.ndarray, np.ndarray]:
        """How many positions each posting has, and every position of the term as document << 32 | position
        (sorted)."""
        if self._positions is None:
            parts = [_counted_numbers(values, postings, width) for postings, width, _, values in self.blocks]
            counts = np.concatenate([counts for counts, _ in parts] or [np.zeros(0, np.int64)])
            positions = np.concatenate([numbers for _, numbers in parts] or [np.zeros(0, np.int64)]).astype(np.int64)
            self._positions = counts, (np.repeat(self.ids, counts) << 32) | positions
        return self._positions
