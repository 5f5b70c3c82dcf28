// Package report renders the edgewasm paper: a Markdown source with
// executable cells (README.md in this folder documents the cell language)
// is evaluated against one or more datasets and written as paper.md,
// paper.html (self-contained), paper.pdf (pure Go, embedded Liberation
// fonts) and paper.ipynb (nbformat 4.5).
//
// Rendering has three steps. Parse splits the source into prose and cells.
// Every cell, and every inline expression in the prose, is then executed
// against the datasets, or taken from the on-disk cache when neither its
// source nor the data it reads (Deps) changed. Finally the outputs are
// numbered (figures, tables), cross-referenced and written in the four
// formats from one document model. Same inputs give byte-identical outputs:
// nothing depends on the clock or on map order, and the PDF carries the
// datasets' own timestamps.
package report
