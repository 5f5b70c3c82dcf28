// Package report renders the edgewasm paper: a Markdown source with
// executable cells (README.md in this folder documents the cell language)
// is evaluated against one or more datasets and written as paper.md,
// paper.html (self-contained), paper.pdf (pure Go, embedded Liberation
// fonts) and paper.ipynb (nbformat 4.5).
//
// This package is the pipeline and the paper's own files, nothing more:
// Render loads the datasets into the analysis model (report/model), parses
// the source and hands it, with the files built into the binary
// (paper.src.md, claims.csv, findings.src.md, references.csv,
// workloads.csv), to the cell engine (report/cells), which returns the
// document (report/doc); one writer per format (report/write/md, html,
// pdf, ipynb) turns the document into bytes, and Render writes them. It
// also rewrites the README's findings block and draws the figures of
// `edgewasm figures` (report/figures). The commands call only its small
// API: Datasets, Write, PrintCell, WriteFigures, Discover.
//
// Rendering has three steps. Parse splits the source into prose and cells.
// Every cell, and every inline expression in the prose, is then executed
// against the datasets, or taken from the on-disk cache when neither its
// source nor the data it reads changed. Finally the outputs are numbered
// (figures, tables), cross-referenced and written in the four formats from
// one document. Same inputs give byte-identical outputs: nothing depends
// on the clock or on map order, and the PDF carries the datasets' own
// timestamps.
package report
