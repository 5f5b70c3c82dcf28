/*
 * dijkstra: single-source shortest paths with a binary heap (decrease-key).
 *
 *   dijkstra SIZE        SIZE = number of nodes N of a seeded random digraph
 *   dijkstra --selftest  a hand-checked graph, and heap results against a
 *                        simple O(N^2) Dijkstra on small random graphs
 *
 * Graph: node u has 1 + DEGREE out-edges, first u -> (u+1) mod N (so every
 * node is reachable), then DEGREE edges u -> ew_below(N); each edge draws its
 * target (if random) then its weight 1 + ew_below(MAXW). Sources: k*N/SOURCES
 * for k = 0..SOURCES-1. Timed: the SOURCES runs. digest = FNV-1a 64 of the
 * distance arrays of all sources in order, each distance a little-endian uint32.
 */
#include "edgewasm.h"

#define DEGREE 8
#define MAXW 100
#define SOURCES 4
#define NONE UINT32_MAX

typedef struct {
	uint32_t n;
	uint32_t *to; /* edges of u: to[u*(DEGREE+1) .. (u+1)*(DEGREE+1)) */
	uint32_t *w;
} graph;

static void make_graph(graph *g, uint32_t n, ew_rng *rng)
{
	size_t m = (size_t)n * (DEGREE + 1);
	g->n = n;
	g->to = ew_xmalloc(m * sizeof *g->to, "edge targets");
	g->w = ew_xmalloc(m * sizeof *g->w, "edge weights");
	for (size_t e = 0; e < m; e++) {
		uint32_t u = (uint32_t)(e / (DEGREE + 1));
		g->to[e] = e % (DEGREE + 1) == 0 ? (u + 1) % n : ew_below(rng, n);
		g->w[e] = 1 + ew_below(rng, MAXW);
	}
}

/* Binary min-heap of nodes keyed by dist; pos[v] is v's index in heap or NONE. */
typedef struct {
	uint32_t *heap, *pos, len;
	const uint32_t *dist;
} pq;

static void pq_swap(pq *q, uint32_t i, uint32_t j)
{
	uint32_t a = q->heap[i], b = q->heap[j];
	q->heap[i] = b;
	q->heap[j] = a;
	q->pos[b] = i;
	q->pos[a] = j;
}

static void sift_up(pq *q, uint32_t i)
{
	while (i > 0 && q->dist[q->heap[(i - 1) / 2]] > q->dist[q->heap[i]]) {
		pq_swap(q, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

static uint32_t pop_min(pq *q)
{
	uint32_t top = q->heap[0], i = 0;
	q->pos[top] = NONE;
	if (--q->len == 0)
		return top;
	q->heap[0] = q->heap[q->len];
	q->pos[q->heap[0]] = 0;
	for (;;) {
		uint32_t l = 2 * i + 1, r = l + 1, m = i;
		if (l < q->len && q->dist[q->heap[l]] < q->dist[q->heap[m]])
			m = l;
		if (r < q->len && q->dist[q->heap[r]] < q->dist[q->heap[m]])
			m = r;
		if (m == i)
			return top;
		pq_swap(q, i, m);
		i = m;
	}
}

/* shortest fills dist (n entries) from src; heap and pos are scratch of n entries. */
static void shortest(const graph *g, uint32_t src, uint32_t *dist, uint32_t *heap, uint32_t *pos)
{
	pq q = {heap, pos, 0, dist};
	for (uint32_t v = 0; v < g->n; v++) {
		dist[v] = NONE;
		pos[v] = NONE;
	}
	dist[src] = 0;
	heap[q.len] = src;
	pos[src] = q.len++;
	while (q.len > 0) {
		uint32_t u = pop_min(&q);
		for (size_t e = (size_t)u * (DEGREE + 1); e < (size_t)(u + 1) * (DEGREE + 1); e++) {
			uint32_t v = g->to[e], d = dist[u] + g->w[e];
			if (d >= dist[v])
				continue;
			dist[v] = d;
			if (pos[v] == NONE) {
				heap[q.len] = v;
				pos[v] = q.len++;
			}
			sift_up(&q, pos[v]);
		}
	}
}

/* slow_shortest is the textbook O(N^2) Dijkstra, used only by the selftest. */
static void slow_shortest(const graph *g, uint32_t src, uint32_t *dist, uint8_t *done)
{
	for (uint32_t v = 0; v < g->n; v++) {
		dist[v] = NONE;
		done[v] = 0;
	}
	dist[src] = 0;
	for (;;) {
		uint32_t u = NONE;
		for (uint32_t v = 0; v < g->n; v++)
			if (!done[v] && dist[v] != NONE && (u == NONE || dist[v] < dist[u]))
				u = v;
		if (u == NONE)
			return;
		done[u] = 1;
		for (size_t e = (size_t)u * (DEGREE + 1); e < (size_t)(u + 1) * (DEGREE + 1); e++)
			if (dist[u] + g->w[e] < dist[g->to[e]])
				dist[g->to[e]] = dist[u] + g->w[e];
	}
}

static int selftest(void)
{
	enum { SMALL = 200 };
	static uint32_t dist[SMALL], ref[SMALL], heap[SMALL], pos[SMALL];
	static uint8_t done[SMALL];
	int bad = ew_selftest_common();
	ew_rng rng;

	/* Hand-checked: 3 nodes, only the ring edges are cheap (weight 1). */
	uint32_t to[3 * (DEGREE + 1)], w[3 * (DEGREE + 1)];
	for (uint32_t e = 0; e < 3 * (DEGREE + 1); e++) {
		to[e] = e % (DEGREE + 1) == 0 ? (e / (DEGREE + 1) + 1) % 3 : e / (DEGREE + 1);
		w[e] = e % (DEGREE + 1) == 0 ? 1 : 50;
	}
	graph tiny = {3, to, w};
	shortest(&tiny, 1, dist, heap, pos);
	bad += ew_check_u64("tiny graph from node 1",
			    (uint64_t)dist[0] << 32 | (uint64_t)dist[1] << 16 | dist[2],
			    (uint64_t)2 << 32 | 0 << 16 | 1);

	ew_rng_init(&rng, EW_SEED);
	for (uint32_t n = 1; n <= SMALL; n += 19) {
		graph g;
		make_graph(&g, n, &rng);
		for (uint32_t src = 0; src < n; src += 7) {
			shortest(&g, src, dist, heap, pos);
			slow_shortest(&g, src, ref, done);
			if (memcmp(dist, ref, n * sizeof *dist) != 0) {
				fprintf(stderr, "selftest: n=%u src=%u heap and O(N^2) disagree\n", n, src);
				bad++;
			}
		}
		free(g.to);
		free(g.w);
	}
	return ew_selftest_done("dijkstra", bad);
}

int main(int argc, char **argv)
{
	uint64_t size;
	if (ew_args(argc, argv, "dijkstra", "number of nodes", UINT64_C(1) << 24, &size) == EW_SELFTEST)
		return selftest();

	uint32_t n = (uint32_t)size;
	graph g;
	ew_rng rng;
	ew_rng_init(&rng, EW_SEED);
	make_graph(&g, n, &rng);
	uint32_t *dist = ew_xmalloc((size_t)SOURCES * n * sizeof *dist, "distances");
	uint32_t *heap = ew_xmalloc(n * sizeof *heap, "heap");
	uint32_t *pos = ew_xmalloc(n * sizeof *pos, "heap positions");

	uint64_t t0 = ew_now_ns();
	for (uint32_t k = 0; k < SOURCES; k++)
		shortest(&g, (uint32_t)((uint64_t)k * n / SOURCES), dist + (size_t)k * n, heap, pos);
	uint64_t t1 = ew_now_ns();

	ew_report(ew_fnv_u32(EW_FNV_OFFSET, dist, (size_t)SOURCES * n), t1 - t0);
	printf("nodes=%u\nedges=%zu\nsources=%d\n", n, (size_t)n * (DEGREE + 1), SOURCES);
	free(g.to);
	free(g.w);
	free(dist);
	free(heap);
	free(pos);
	return 0;
}
