package experiments_test

import (
	"container/heap"
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/fnv"
	"slices"
	"testing"

	"github.com/edgewasm/edgewasm/experiments"
)

// splitmix64 is the generator of edgewasm.h, written again in Go so that
// expected digests can be recomputed independently of the C programs.
type splitmix64 struct{ state uint64 }

func (r *splitmix64) next64() uint64 {
	r.state += 0x9e3779b97f4a7c15
	z := r.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (r *splitmix64) next32() uint32 { return uint32(r.next64() >> 32) }

func (r *splitmix64) below(n uint32) uint32 { return uint32(uint64(r.next32()) * uint64(n) >> 32) }

const seed = 2020

// stream returns the first n bytes of the seeded byte stream.
func stream(n int) []byte {
	r := splitmix64{seed}
	b := make([]byte, 0, n+8)
	for len(b) < n {
		b = binary.LittleEndian.AppendUint64(b, r.next64())
	}
	return b[:n]
}

func fnvHex(b []byte) string {
	h := fnv.New64a()
	h.Write(b)
	return fmt.Sprintf("%016x", h.Sum64())
}

func u32Bytes(v []uint32) []byte {
	b := make([]byte, 0, 4*len(v))
	for _, x := range v {
		b = binary.LittleEndian.AppendUint32(b, x)
	}
	return b
}

// reference computes a CPU program's digest in Go, with the standard library
// where it has the algorithm. Huffman has none: its digest depends on the
// program's own tie-breaking, so it is checked by its selftest instead.
var reference = map[string]func(size int) string{
	"aes": func(n int) string {
		key, _ := hex.DecodeString("2b7e151628aed2a6abf7158809cf4f3c")
		iv, _ := hex.DecodeString("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff")
		block, _ := aes.NewCipher(key)
		data := stream(n)
		cipher.NewCTR(block, iv).XORKeyStream(data, data)
		return fnvHex(data)
	},
	"base64": func(n int) string {
		return fnvHex([]byte(base64.StdEncoding.EncodeToString(stream(n))))
	},
	"sha256": func(n int) string {
		sum := sha256.Sum256(stream(n))
		return hex.EncodeToString(sum[:])
	},
	"xor": func(n int) string {
		all := stream(n + 16 + 23 + 37)
		data, keys := all[:n], all[n:]
		for _, l := range []int{16, 23, 37} {
			for i := range data {
				data[i] ^= keys[i%l]
			}
			keys = keys[l:]
		}
		return fnvHex(data)
	},
	"matmul": func(n int) string {
		r := splitmix64{seed}
		a, b, c := make([]uint32, n*n), make([]uint32, n*n), make([]uint32, n*n)
		for i := range a {
			a[i] = r.next32()
		}
		for i := range b {
			b[i] = r.next32()
		}
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				var dot uint32
				for k := 0; k < n; k++ {
					dot += a[i*n+k] * b[k*n+j]
				}
				c[i*n+j] = dot
			}
		}
		return fnvHex(u32Bytes(c))
	},
	"quicksort": func(n int) string {
		r := splitmix64{seed}
		a := make([]int32, n)
		for i := range a {
			a[i] = int32(r.next32())
		}
		slices.Sort(a)
		u := make([]uint32, n)
		for i, v := range a {
			u[i] = uint32(v)
		}
		return fnvHex(u32Bytes(u))
	},
	"dijkstra": referenceDijkstra,
}

// referenceDijkstra rebuilds the graph of the C program and solves it with a
// lazy-deletion heap (a different algorithm variant than the C decrease-key heap).
func referenceDijkstra(n int) string {
	const degree, maxw, sources = 8, 100, 4
	r := splitmix64{seed}
	type edge struct{ to, w uint32 }
	adj := make([][]edge, n)
	for u := range adj {
		for e := 0; e <= degree; e++ {
			to := uint32((u + 1) % n)
			if e > 0 {
				to = r.below(uint32(n))
			}
			adj[u] = append(adj[u], edge{to, 1 + r.below(maxw)})
		}
	}
	var out []uint32
	for k := 0; k < sources; k++ {
		dist := make([]uint32, n)
		for i := range dist {
			dist[i] = ^uint32(0)
		}
		src := k * n / sources
		dist[src] = 0
		q := &itemHeap{{0, uint32(src)}}
		for q.Len() > 0 {
			it := heap.Pop(q).(item)
			if it.d != dist[it.v] {
				continue
			}
			for _, e := range adj[it.v] {
				if d := it.d + e.w; d < dist[e.to] {
					dist[e.to] = d
					heap.Push(q, item{d, e.to})
				}
			}
		}
		out = append(out, dist...)
	}
	return fnvHex(u32Bytes(out))
}

type item struct{ d, v uint32 }
type itemHeap []item

func (h itemHeap) Len() int           { return len(h) }
func (h itemHeap) Less(i, j int) bool { return h[i].d < h[j].d }
func (h itemHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *itemHeap) Push(x any)        { *h = append(*h, x.(item)) }
func (h *itemHeap) Pop() any {
	old := *h
	it := old[len(old)-1]
	*h = old[:len(old)-1]
	return it
}

// TestExpectedAgainstReference recomputes the committed digests in Go; it
// needs no C compiler. With -short it skips the thesis sizes.
func TestExpectedAgainstReference(t *testing.T) {
	for name, ref := range reference {
		t.Run(name, func(t *testing.T) {
			for _, e := range expected(t, experiments.CPU, name) {
				if testing.Short() && e.size > quickSize(t, experiments.CPU, name) {
					continue
				}
				if got := ref(int(e.size)); got != e.digest {
					t.Errorf("size %d: Go reference digest %s, expected.txt says %s", e.size, got, e.digest)
				}
			}
		})
	}
}

// streamFNV is fnvHex(stream(n)) without holding the n bytes in memory.
func streamFNV(n uint64) string {
	r := splitmix64{seed}
	h := fnv.New64a()
	var buf [1 << 16]byte
	for n > 0 {
		m := min(n, uint64(len(buf)))
		for i := uint64(0); i < m; i += 8 {
			binary.LittleEndian.PutUint64(buf[i:], r.next64())
		}
		h.Write(buf[:m])
		n -= m
	}
	return fmt.Sprintf("%016x", h.Sum64())
}

func TestFsioExpectedAgainstReference(t *testing.T) {
	for _, e := range expected(t, experiments.FSIO, "write") {
		if testing.Short() && e.size > quickSize(t, experiments.FSIO, "write") {
			continue
		}
		if got := streamFNV(uint64(e.size)); got != e.digest {
			t.Errorf("size %d: Go reference digest %s, expected.txt says %s", e.size, got, e.digest)
		}
	}
}

func TestSplitmix64KnownValues(t *testing.T) {
	// Published outputs of splitmix64 seeded with 0 (also checked by every --selftest).
	r := splitmix64{0}
	for i, want := range []uint64{0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f} {
		if got := r.next64(); got != want {
			t.Errorf("output %d = %016x, want %016x", i, got, want)
		}
	}
}
