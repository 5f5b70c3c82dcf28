// Package cells is the paper's cell language: it parses a source (Markdown
// prose with inline expressions {{ … }} and fenced ```cell blocks, Parse),
// evaluates every command against the analysis model (Engine.Eval, the
// commands in env.go, stats.go, sentences.go, claims.go, figures.go,
// literature.go, runtimes.go, deviations.go and findings.go), caches each
// output on disk under a hash of what it reads (Cache), and assembles the
// document: figures, tables and sections numbered, cross-references and
// citations resolved (Engine.Assemble). report/README.md documents the
// language.
//
// It is the layer between the numbers and the page. Every number it shows
// comes from report/model (never from report/stats), is written through
// report/format, and every verdict from report/claims; what it produces is
// a report/doc Document, which it never writes itself: the writers under
// report/write do, and package report runs the pipeline and supplies the
// paper's own files (Inputs: claims, findings, references, workloads).
package cells
