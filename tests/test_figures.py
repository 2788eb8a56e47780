"""Figure extraction against hand-written expectations (tests/figures_truth.json); ``pytest -s`` prints the scores."""

import json
from collections import Counter
from pathlib import Path

import pytest
from conftest import run_htx, truth_articles

from indexer.reports.figures import METRICS, extract_figures

TRUTH = Path(__file__).with_name("figures_truth.json")
SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
PRECISION_FLOOR = 0.98
RECALL_FLOOR = 0.97


def article_text(portal: str, path: str) -> str:
    """Title, lead and body paragraphs of a fixture article, joined by blank lines."""
    article = next(a for p, a in truth_articles() if p == portal and a["path"] == path)
    return "\n\n".join([article["title"], article["lead"], *article["body"]])


def cases(truth: dict) -> list[tuple[str, str, list[dict]]]:
    """(name, text, expected figures) for every article, seed and sentence of the truth file."""
    found = []
    for entry in truth["articles"]:
        if "seed" in entry:
            found.append((entry["seed"], (SEEDS / entry["seed"]).read_text(encoding="utf-8"), entry["figures"]))
        else:
            found.append((entry["path"], article_text(entry["portal"], entry["path"]), entry["figures"]))
    found += [(s["text"], s["text"], s["figures"]) for s in truth["sentences"]]
    return found


def key(metric, value, qualifier, kind) -> tuple:
    return metric, round(float(value), 6), qualifier, kind


def score(truth_path: Path = TRUTH) -> dict:
    """Precision and recall of extract_figures over the truth file; a figure matches when metric, value,
    qualifier and kind agree (scope is scored on fixtures/figures/ by benchmarks/eval_figures.py). Also lists
    the misses and the false figures by case."""
    true_positives = extracted = expected = 0
    misses, false = [], []
    for name, text, figures in cases(json.loads(truth_path.read_text(encoding="utf-8"))):
        want = Counter(key(f["metric"], f["value"], f["qualifier"], f["kind"]) for f in figures)
        got = Counter({key(f.metric, f.value, f.qualifier, f.kind) for f in extract_figures(text)})
        true_positives += sum((want & got).values())
        extracted += sum(got.values())
        expected += sum(want.values())
        misses += [(name[:60], k) for k in (want - got).elements()]
        false += [(name[:60], k) for k in (got - want).elements()]
    return {
        "precision": true_positives / extracted if extracted else 1.0,
        "recall": true_positives / expected if expected else 1.0,
        "extracted": extracted,
        "expected": expected,
        "misses": misses,
        "false": false,
    }


def test_precision_and_recall():
    result = score()
    print(f"\nfigures: precision {result['precision']:.3f}, recall {result['recall']:.3f} "
          f"({result['extracted']} extracted, {result['expected']} expected)")
    for name, figure in result["misses"]:
        print("  missed", figure, "in", name)
    for name, figure in result["false"]:
        print("  false ", figure, "in", name)
    assert result["precision"] >= PRECISION_FLOOR
    assert result["recall"] >= RECALL_FLOOR


def figures_of(seed: str) -> set[tuple]:
    return {key(f.metric, f.value, f.qualifier, f.kind) for f in extract_figures((SEEDS / seed).read_text(encoding="utf-8"))}


def test_soc_trang_seed():
    assert figures_of("soctrang_lmhtx_2023-05-15.txt") == {
        ("cooperative_groups", 1241, "", "achieved"),
        ("cooperatives", 215, "", "achieved"),
        ("unions", 1, "", "achieved"),
        ("new_cooperatives", 5, "", "achieved"),
    }


def test_dong_thap_seed_target():
    assert ("new_cooperatives", 10, "ít nhất", "target") in figures_of("dongthap_lmhtx_2023-02-28.txt")


def test_figure_fields():
    [figure] = extract_figures("Năm 2023, hợp tác xã đạt doanh thu 2,1 tỷ đồng. Giá lúa tăng 300 đồng/kg.")
    assert (figure.metric, figure.value, figure.unit) == ("revenue", 2_100_000_000, "đồng")
    assert figure.sentence == "Năm 2023, hợp tác xã đạt doanh thu 2,1 tỷ đồng."


def test_truth_covers_every_metric_and_cooperative_article():
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    figures = [f for entry in truth["articles"] + truth["sentences"] for f in entry["figures"]]
    assert {f["metric"] for f in figures} == set(METRICS)
    assert {f["qualifier"] for f in figures} == {"", "hơn", "gần", "khoảng", "ít nhất", "dưới"}
    covered = {(e["portal"], e["path"]) for e in truth["articles"] if "portal" in e}
    missing = [(p, a["path"]) for p, a in truth_articles() if a["about_cooperatives"] and (p, a["path"]) not in covered]
    assert not missing, f"write the expected figures of these fixture articles into {TRUTH.name}: {missing}"


@pytest.mark.parametrize("text", ["1.241 Tổ hợp tác", "1.241 to hop tac", "1.241 THT"])
def test_folded_spellings(text):
    assert [(f.metric, f.value) for f in extract_figures(text)] == [("cooperative_groups", 1241)]


def figures(text: str, national: bool = False) -> set[tuple]:
    return {(f.metric, f.value, f.upper, f.qualifier, f.scope, f.kind) for f in extract_figures(text, national=national)}


TRAPS = json.loads(Path(__file__).with_name("figures_traps.json").read_text(encoding="utf-8"))["traps"]


@pytest.mark.parametrize("trap", sorted(TRAPS))
def test_trap(trap):
    """One sentence per trap of issue 16 (tests/figures_traps.json) gives exactly its figures."""
    expected = TRAPS[trap]["figures"]
    assert figures(TRAPS[trap]["text"]) == {(m, float(v), None if u is None else float(u), q, s, k) for m, v, u, q, s, k in expected}


def test_a_national_sources_totals_are_national():
    assert figures("Tổng số thành viên HTX khoảng 6,7 triệu thành viên.", national=True) == {
        ("members", 6.7e6, None, "khoảng", "national", "achieved")}
    assert figures("Toàn tỉnh có 290 HTX.", national=True) == {("cooperatives", 290.0, None, "", "total", "achieved")}


CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "figures"


def corpus() -> list[dict]:
    return [a for path in sorted(CORPUS.glob("**/*.json")) for a in json.loads(path.read_text(encoding="utf-8"))]


def intended_totals(metric: str) -> dict[str, float]:
    """From the labels: per province the total of the newest article that states one (unqualified first)."""
    intended = {}
    for article in sorted(corpus(), key=lambda a: a["published"], reverse=True):
        scope = "national" if article["province"] == "Toàn quốc" else "total"
        totals = [f for f in article["figures"] if f[0] == metric and f[4] == scope and f[5] == "achieved"]
        if totals and article["province"] not in intended:
            intended[article["province"]] = next((f for f in totals if not f[3]), totals[0])[1]
    return intended


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("figures")
    lines = [json.dumps({"url": a["url"], "province": a["province"], "published": a["published"], "title": a["title"],
                         "lead": a["lead"], "body": "\n\n".join(a["body"])}, ensure_ascii=False) for a in corpus()]
    (data_dir / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    run_htx("index", data_dir / "corpus.jsonl", data_dir=data_dir)
    return data_dir


def test_latest_gives_the_intended_total_of_every_province_that_states_one(corpus_index):
    rows = json.loads(run_htx("facts", "--metric", "cooperatives", "--latest", "--json", data_dir=corpus_index).stdout)
    got = {row["province"]: row["value"] for row in rows if row["value"] is not None}
    assert got == intended_totals("cooperatives")
    assert {row["province"] for row in rows if row["value"] is None} == {"Bến Tre", "Gia Lai", "Hưng Yên", "Tây Ninh"}


def test_latest_says_when_a_province_states_no_total(corpus_index):
    shown = run_htx("facts", "--metric", "cooperatives", "--latest", "-p", "Gia Lai", "-p", "Long An", data_dir=corpus_index).stdout
    assert "Gia Lai" in shown and "no province total stated" in shown
    assert "170" in shown and "1 of 2 provinces state a total" in shown


def test_facts_filter_and_print_scope(corpus_index):
    found = json.loads(run_htx("facts", "--metric", "members", "--scope", "cooperative", "--json", data_dir=corpus_index).stdout)
    assert found and {f["scope"] for f in found} == {"cooperative"}
    shown = run_htx("facts", "--metric", "cooperatives", "-p", "Thái Nguyên", data_dir=corpus_index).stdout
    assert "(achieved, subset: chè)" in shown and "(target, total)" in shown


@pytest.mark.parametrize(
    "text,scope,label",
    [
        ("Các quỹ tín dụng nhân dân trên địa bàn tỉnh có 35.000 thành viên.", "subset", "quỹ tín dụng nhân dân"),
        ("Hệ thống QTDND có tổng dư nợ 2.100 tỷ đồng và 40.000 thành viên.", "subset", "quỹ tín dụng nhân dân"),
        ("Toàn tỉnh có 12 quỹ tín dụng nhân dân với 25.000 thành viên.", "subset", "quỹ tín dụng nhân dân"),
        ("Đại hội có 120 đại biểu, đại diện cho hơn 2.600 thành viên của Quỹ.", "subset", "quỹ tín dụng nhân dân"),
        ("Toàn tỉnh có 245 HTX, 12 quỹ tín dụng nhân dân và 28.500 thành viên.", "total", ""),
        ("HTX Dịch vụ nông nghiệp Văn Đức có 540 thành viên.", "cooperative", "HTX Dịch vụ nông nghiệp Văn Đức"),
        ("HTX Tân Tiến và HTX Bình An có 19 thành viên.", "cooperative", "HTX Bình An"),
        ("Các HTX cây ăn quả thu hút 14.500 thành viên.", "subset", "cây ăn quả"),
        ("Dự có Ngân hàng Hợp tác xã Việt Nam chi nhánh tỉnh cùng 120 thành viên.", "subset", ""),
        ("Dự có Ngân hàng Hợp tác xã Việt Nam chi nhánh Đồng Tháp cùng 120 thành viên.", "subset", ""),
    ],
)
def test_members_scope_and_label(text, scope, label):
    """Credit funds' members are not the cooperatives' total; labels are names and words as the text writes them."""
    members = [f for f in extract_figures(text) if f.metric == "members"]
    assert [(f.scope, f.label) for f in members] == [(scope, label)]
