"""Matching employers' words to occupations on the packaged index."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from focusgroup.crosswalk.index import active_index_path
from focusgroup.crosswalk.search import search

# (card text, acceptable SOC codes, must be in the top n)
SAMPLE = [
    ("CNC guy", {"51-4041", "51-9161"}, 3),
    ("RN - ICU", {"29-1141"}, 1),
    ("maint tech", {"49-9071", "49-9041"}, 1),
    ("Sr. welder", {"51-4121"}, 1),
    ("help desk T1", {"15-1232"}, 1),
    ("CDL-A driver", {"53-3032"}, 1),
    ("PLC programmer", {"17-3023"}, 3),
    ("electrition", {"47-2111"}, 1),
    ("Welders", {"51-4121"}, 1),
    ("2nd shift machinist III", {"51-4041"}, 1),
    ("night shift forklift driver", {"53-7051"}, 1),
    ("LPN", {"29-2061"}, 1),
    ("Lead carpenter", {"47-2031", "47-1011"}, 1),
    ("Dispatcher (trucking)", {"43-5032"}, 1),
]


@pytest.mark.parametrize(("text", "codes", "within"), SAMPLE)
def test_employer_shorthand_finds_the_occupation(text: str, codes: set[str], within: int) -> None:
    found = [m.soc_code for m in search(text, limit=within)]
    assert codes & set(found), f"{text!r}: got {found}"


def test_why_says_how_it_matched() -> None:
    assert search("maint tech")[0].why.startswith("alternate title 'Maintenance Technician'")
    assert "abbreviation maint tech → maintenance technician" in search("maint tech")[0].why
    assert "spelling electrition → electrician" in search("electrition")[0].why
    assert "ignored 'night shift'" in search("night shift welder")[0].why
    assert search("Machinists")[0].why == "title match: machinists"


def test_results_are_ranked_scored_and_limited() -> None:
    matches = search("welder", limit=4)
    assert len(matches) == 4
    scores = [m.score for m in matches]
    assert scores == sorted(scores, reverse=True) and 0 < scores[-1] <= scores[0] <= 1
    assert all(m.onet_code.startswith(m.soc_code) for m in matches)
    assert matches[0].job_zone == 2


@pytest.mark.parametrize("text", ["", "   ", "qqqqzz", "night shift", "??"])
def test_nothing_sensible_gives_no_suggestions(text: str) -> None:
    assert search(text) == []


def test_searching_from_several_threads_gives_the_same_answers() -> None:
    texts = [text for text, _, _ in SAMPLE]
    expected = {text: search(text, limit=3) for text in texts}
    failures: list[str] = []

    def worker() -> None:
        for text in texts:
            if search(text, limit=3) != expected[text]:
                failures.append(text)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_a_pasted_job_ad_on_a_card_is_answered_at_once() -> None:
    """A phone's card field takes 8 KB: a paragraph once cost one index query per word
    (7-8 s for 3,400 characters, each time the wall's `w` dialog looked it up)."""
    import time

    from focusgroup.crosswalk.suggest import suggest

    ad = "Registered nurse " + "with experience in telemetry and cardiac step-down units " * 60
    varied = " ".join(f"{w}{i}" for i, w in enumerate(ad.split()[:300]))
    for card in (ad, varied):
        started = time.perf_counter()
        suggest([card], sector="health-care")
        assert time.perf_counter() - started < 2.0


def test_no_title_in_the_shipped_index_is_wordier_than_the_search_assumes() -> None:
    import sqlite3

    from focusgroup.crosswalk.index import active_index_path
    from focusgroup.crosswalk.search import LONGEST_TITLE_WORDS
    from focusgroup.crosswalk.text import index_tokens

    with sqlite3.connect(f"file:{active_index_path()}?mode=ro", uri=True) as conn:
        wordiest = max(len(set(index_tokens(t))) for (t,) in conn.execute("SELECT text FROM title"))
    assert wordiest <= LONGEST_TITLE_WORDS


def _titles() -> list[str]:
    with sqlite3.connect(f"file:{active_index_path()}?mode=ro", uri=True) as conn:
        return [t for (t,) in conn.execute("SELECT text FROM title ORDER BY id LIMIT 3000")]


TITLE_WORDS = _titles()
ACCENTED = {"a": "àáâä", "e": "éèêë", "i": "íîï", "o": "óôö", "u": "úûü", "c": "ç", "n": "ñ"}


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_an_accented_card_reads_as_the_plain_title(data) -> None:
    """'Wélder' is a welder: O*NET's titles are plain ASCII, and an accent used to split a word
    into pieces that matched nothing."""
    from focusgroup.crosswalk.text import words

    title = data.draw(st.sampled_from(TITLE_WORDS))
    accented = "".join(
        data.draw(st.sampled_from([ch, *ACCENTED[ch]])) if ch in ACCENTED else ch for ch in title
    )
    assert words(accented) == words(title)
    assert words(accented.upper()) == words(title)


def test_an_accented_card_is_coded_as_its_plain_spelling() -> None:
    from focusgroup.crosswalk.suggest import suggest

    plain, accented = suggest(["Welder"], "construction"), suggest(["Wélder"], "construction")
    assert accented.confident and accented.best == plain.best
