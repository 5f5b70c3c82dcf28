package literature_test

import (
	"fmt"
	"os"

	"github.com/edgewasm/edgewasm/literature"
)

// Load a review, compute its PRISMA flow and print it in the PRISMA2020 R
// package's CSV format.
func ExampleLoad() {
	r, err := literature.Load(".", literature.DefaultReview) // "." is the literature folder
	if err != nil {
		fmt.Println(err) // every broken rule, as FILE:LINE: RULE: message
		return
	}
	f, err := r.Flow()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(f.Identified, f.Screened, f.Assessed, f.Included)
	for _, p := range r.Papers {
		fmt.Printf("[%s] %s: %s\n", p.ThesisRef, p.Decision, p.ReasonCode)
	}
	_ = literature.WritePrismaCSV(os.Stdout, f.Rows()[:1])
	// Output:
	// 140 134 7 0
	// [6] excluded: wasm-only
	// [9] excluded: indirect
	// [14] excluded: docker-only
	// [17] excluded: wasm-only
	// [4] excluded: wasm-only
	// [15] excluded: docker-only
	// [21] excluded: indirect
	// data,node,box,description,boxtext,tooltips,url,n
	// NA,node4,prevstud,Grey title box; Previous studies,Previous studies,Grey title box; Previous studies,prevstud.html,0
}
