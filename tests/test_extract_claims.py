"""Claims of responsibility: who claimed, and when nobody did."""

import pytest

from pipeline.extract.claims import find_claim


@pytest.mark.parametrize(
    "sentence, claimed",
    [
        ("Al-Shabaab claimed responsibility in a statement.", True),
        ("The Taliban denied responsibility, but IS claimed the attack on Amaq.", True),
        ("No group has claimed responsibility for the attack.", False),
        ("No group has yet claimed responsibility.", False),
        ("None of the groups claimed responsibility.", False),
        ("Nobody claimed responsibility.", False),
        ("No one has yet claimed the attack, but suspicion fell on IS.", False),
        ("There was no immediate claim of responsibility.", False),
    ],
)
def test_a_claim_nobody_made_is_no_claim(sentence, claimed):
    assert find_claim(sentence).claimed is claimed
