"""Performance harness for wagtail-runstrength (not tests): ``make bench``; see ``benchmarks/README.md``."""
