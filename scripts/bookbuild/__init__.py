"""Build tooling for *The Math Required for Machine Learning*.

The command line lives in ``__main__`` (``python -m bookbuild``); the Sphinx
extension that shapes the HTML and the PDF lives in ``bookbuild.sphinxext``.
"""
