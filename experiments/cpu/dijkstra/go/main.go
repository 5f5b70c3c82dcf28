// Command dijkstra is the Go port of experiments/cpu/dijkstra/main.c:
// single-source shortest paths with a binary heap (decrease-key).
//
//	dijkstra SIZE        SIZE = number of nodes N of a seeded random digraph
//	dijkstra --selftest  a hand-checked graph, and heap results against a
//	                     simple O(N^2) Dijkstra on small random graphs
//
// Graph, sources, timing and digest are the C program's: node u has
// 1 + degree out-edges, first u -> (u+1) mod N, then degree random ones,
// each drawing its target (if random) then its weight 1 + Below(maxW);
// sources k*N/sources; digest = FNV-1a 64 of all distance arrays as
// little-endian uint32.
package main

import (
	"fmt"
	"os"
	"slices"
	"time"

	"github.com/edgewasm/edgewasm/experiments/common/guest"
)

const (
	degree  = 8
	maxW    = 100
	sources = 4
	none    = ^uint32(0)
)

type graph struct {
	n     uint32
	to, w []uint32 // edges of u: [u*(degree+1), (u+1)*(degree+1))
}

func makeGraph(n uint32, rng *guest.RNG) graph {
	m := int(n) * (degree + 1)
	g := graph{n: n, to: make([]uint32, m), w: make([]uint32, m)}
	for e := 0; e < m; e++ {
		u := uint32(e / (degree + 1))
		if e%(degree+1) == 0 {
			g.to[e] = (u + 1) % n
		} else {
			g.to[e] = rng.Below(n)
		}
		g.w[e] = 1 + rng.Below(maxW)
	}
	return g
}

// pq is a binary min-heap of nodes keyed by dist; pos[v] is v's index in
// heap or none.
type pq struct {
	heap, pos []uint32
	len       uint32
	dist      []uint32
}

func (q *pq) swap(i, j uint32) {
	a, b := q.heap[i], q.heap[j]
	q.heap[i], q.heap[j] = b, a
	q.pos[b], q.pos[a] = i, j
}

func (q *pq) siftUp(i uint32) {
	for i > 0 && q.dist[q.heap[(i-1)/2]] > q.dist[q.heap[i]] {
		q.swap(i, (i-1)/2)
		i = (i - 1) / 2
	}
}

func (q *pq) popMin() uint32 {
	top, i := q.heap[0], uint32(0)
	q.pos[top] = none
	q.len--
	if q.len == 0 {
		return top
	}
	q.heap[0] = q.heap[q.len]
	q.pos[q.heap[0]] = 0
	for {
		l := 2*i + 1
		r, m := l+1, i
		if l < q.len && q.dist[q.heap[l]] < q.dist[q.heap[m]] {
			m = l
		}
		if r < q.len && q.dist[q.heap[r]] < q.dist[q.heap[m]] {
			m = r
		}
		if m == i {
			return top
		}
		q.swap(i, m)
		i = m
	}
}

// shortest fills dist (n entries) from src; heap and pos are scratch of n
// entries.
func shortest(g *graph, src uint32, dist, heap, pos []uint32) {
	q := pq{heap: heap, pos: pos, dist: dist}
	for v := range g.n {
		dist[v] = none
		pos[v] = none
	}
	dist[src] = 0
	heap[0], pos[src], q.len = src, 0, 1
	for q.len > 0 {
		u := q.popMin()
		for e := int(u) * (degree + 1); e < int(u+1)*(degree+1); e++ {
			v, d := g.to[e], dist[u]+g.w[e]
			if d >= dist[v] {
				continue
			}
			dist[v] = d
			if pos[v] == none {
				heap[q.len] = v
				pos[v] = q.len
				q.len++
			}
			q.siftUp(pos[v])
		}
	}
}

// slowShortest is the textbook O(N^2) Dijkstra, used only by the selftest.
func slowShortest(g *graph, src uint32, dist []uint32, done []bool) {
	for v := range g.n {
		dist[v], done[v] = none, false
	}
	dist[src] = 0
	for {
		u := none
		for v := range g.n {
			if !done[v] && dist[v] != none && (u == none || dist[v] < dist[u]) {
				u = v
			}
		}
		if u == none {
			return
		}
		done[u] = true
		for e := int(u) * (degree + 1); e < int(u+1)*(degree+1); e++ {
			if dist[u]+g.w[e] < dist[g.to[e]] {
				dist[g.to[e]] = dist[u] + g.w[e]
			}
		}
	}
}

func selftest() {
	const small = 200
	dist, ref := make([]uint32, small), make([]uint32, small)
	heap, pos, done := make([]uint32, small), make([]uint32, small), make([]bool, small)
	bad := guest.SelftestCommon()

	// Hand-checked: 3 nodes, only the ring edges are cheap (weight 1).
	tiny := graph{n: 3, to: make([]uint32, 3*(degree+1)), w: make([]uint32, 3*(degree+1))}
	for e := range tiny.to {
		u := uint32(e / (degree + 1))
		tiny.to[e], tiny.w[e] = u, 50
		if e%(degree+1) == 0 {
			tiny.to[e], tiny.w[e] = (u+1)%3, 1
		}
	}
	shortest(&tiny, 1, dist, heap, pos)
	bad += guest.CheckU64("tiny graph from node 1",
		uint64(dist[0])<<32|uint64(dist[1])<<16|uint64(dist[2]), 2<<32|0<<16|1)

	rng := guest.NewRNG(guest.Seed)
	for n := uint32(1); n <= small; n += 19 {
		g := makeGraph(n, rng)
		for src := uint32(0); src < n; src += 7 {
			shortest(&g, src, dist, heap, pos)
			slowShortest(&g, src, ref, done)
			if !slices.Equal(dist[:n], ref[:n]) {
				fmt.Fprintf(os.Stderr, "selftest: n=%d src=%d heap and O(N^2) disagree\n", n, src)
				bad++
			}
		}
	}
	guest.SelftestDone("dijkstra", bad)
}

func main() {
	size, st := guest.Args("dijkstra", "number of nodes", 1<<24)
	if st {
		selftest()
	}
	n := uint32(size)
	g := makeGraph(n, guest.NewRNG(guest.Seed))
	dist := make([]uint32, sources*int(n))
	heap, pos := make([]uint32, n), make([]uint32, n)

	t0 := time.Now()
	for k := range uint64(sources) {
		src := uint32(k * uint64(n) / sources)
		shortest(&g, src, dist[int(k)*int(n):int(k+1)*int(n)], heap, pos)
	}
	kernel := time.Since(t0)

	guest.Report(guest.FNVU32(guest.FNVOffset, dist), kernel)
	fmt.Printf("nodes=%d\nedges=%d\nsources=%d\n", n, int(n)*(degree+1), sources)
}
