"""Strength training for runners: articles, an exercise library and related posts for Wagtail."""

__version__ = "0.1.0"
