"""Benchmarks of SPEC §10 (not timed tests): `python -m bench --files N` or `invoke bench --files N`.

generate.py writes a synthetic inbox from the project's own layouts; scenario.py runs `qms check`
on it (cold, warm, after touching 1 %) and the references (floor, pdfplumber, frictionless) in
the same run; report.py prints the table and writes bench/results/*.json.
"""
