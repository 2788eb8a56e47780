"""The house rules a newcomer relies on: only indexer/engine/ touches Whoosh's private names, and indexes
that pickled the old module paths still open."""

import pickle
import re

from conftest import ROOT

from indexer.engine.codec import PostingsCodec
from indexer.engine.schema import build_schema

WHOOSH_IMPORT = re.compile(r"^\s*(?:from|import) whoosh\b", re.M)
PRIVATE_ACCESS = re.compile(r"(?<![\w.])(?!self\b|cls\b)(\w+(?:\(\))?)\._[a-z]\w*")  # x._name, f()._name; not self._name
PRIVATE_IMPORT = re.compile(r"^\s*from whoosh[\w.]* import .*\b_[a-z]\w*", re.M)


def _python_files():
    for folder in ("crawler", "indexer", "search_cli"):
        yield from (ROOT / folder).rglob("*.py")


def test_only_the_engine_uses_whoosh_private_names():
    offenders = []
    for path in _python_files():
        if (ROOT / "indexer" / "engine") in path.parents:
            continue
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in PRIVATE_IMPORT.finditer(text)]
        if WHOOSH_IMPORT.search(text):
            offenders += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in PRIVATE_ACCESS.finditer(text)]
    assert not offenders, "Whoosh internals outside indexer/engine/: " + ", ".join(offenders)


def test_the_fence_check_catches_a_private_name(tmp_path):
    sample = "from whoosh.columns import MultiColumnReader\n\ndef f(column):\n    return column._readers\n"
    assert PRIVATE_ACCESS.search(sample) and WHOOSH_IMPORT.search(sample)
    assert not PRIVATE_ACCESS.search("def f(self):\n    return self._readers\n")


def test_pickles_naming_the_old_module_paths_load():
    """Indexes built before indexer/engine/ existed name indexer.codec and indexer.analysis in their pickles
    (the schema's analyzer and postings format, each segment's codec)."""
    def as_old_htx_pickled(obj):
        data = pickle.dumps(obj, protocol=2)  # module names as plain text, so they can be rewritten
        old = data.replace(b"indexer.engine.codec", b"indexer.codec").replace(b"indexer.engine.analysis", b"indexer.analysis")
        assert b"indexer.engine" not in old
        return pickle.loads(old)

    schema, text = as_old_htx_pickled(build_schema()), build_schema()["text"]
    assert type(schema["text"].analyzer) is type(text.analyzer) and type(schema["text"].format) is type(text.format)
    assert type(as_old_htx_pickled(PostingsCodec())) is PostingsCodec
