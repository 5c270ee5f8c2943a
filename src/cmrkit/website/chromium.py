"""Debian's Chromium as every part of the project starts it (PDF printing, browser tests,
benchmarks). The flags live here once: without the background-networking ones, Chromium reaches
for Google's services at start, which a closed network refuses and a reader's privacy forbids."""

EXECUTABLE = "/usr/bin/chromium"
LAUNCH_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
