// Package literature holds the thesis's literature review as data and the
// code that checks and renders it.
//
// The records live as plain files under a root directory (normally the
// repository's literature/ folder) so that a reviewer can read and extend
// them without Go; README.md in that folder is the codebook. A review is one
// folder reviews/<id>/ with the same fixed files (protocol, stages, counts,
// duplicates, reasons, papers, references.bib). Load reads and validates one
// review; Review.Flow turns it into the counts of a PRISMA 2020 flow diagram,
// which can be printed in the PRISMA2020 R package's CSV format (WritePrismaCSV)
// or drawn (DrawPRISMA). LoadLaterStudies and LoadOrchestration read the two
// tables that sit beside the reviews: studies published after the thesis and
// the orchestration-support matrix for RQ3.
//
// Every loader reports bad input as a *RecordError naming the file, the line
// and the rule that was broken; none of them panics.
package literature
