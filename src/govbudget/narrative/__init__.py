"""The narrative (情况说明): sections, the figures it states, and the checks against the tables.

``sections`` builds the narrative from text blocks, ``claims`` reads its statements
(金额, 增减, 占比, 列举), ``bind`` ties them to table quantities and ``rules`` registers the
narrative rules (N-*, Y-4/Y-5, J-*, A-1, docs/domain.md §5).

>>> from govbudget.readers.raw import RawBlock
>>> from govbudget.narrative.sections import build_narrative
>>> n = build_narrative([RawBlock("二、支出预算情况", line=1), RawBlock("支出预算436.88万元。", line=2)])
>>> [(s.title, s.text) for s in n]
[('二、支出预算情况', '支出预算436.88万元。')]
>>> from govbudget.narrative.claims import extract_claims
>>> [(c.label, str(c.value)) for c in extract_claims(n.sections[0].text)]
[('支出预算', '436.88')]
"""
