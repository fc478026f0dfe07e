// SPDX-License-Identifier: GPL-2.0
/*
 * The page cache a process reads with read() and pread(): in no page
 * table, so no accessed bit shows its use, yet its memory cgroup is
 * charged for it and reclaim treats it as the group's own.
 *
 * Each sample, the regular files each tracked process holds open are
 * walked once (however many hold them), page-cache folio by folio, as
 * idle page tracking walks memory: a folio no process maps is marked
 * PG_idle, and found clear at the next walk it was used, for
 * folio_mark_accessed() clears it on each read and write.  Every page
 * has an age in samples, as the page-table walk keeps; those younger than
 * the demand window are the file's part of W.  A mapped folio is left to
 * the walks of the processes that map it.
 *
 * Where a read leaves no trace, a page's use is unknown and it counts as
 * used, never as idle: without PG_idle (6.1), on a folio MGLRU holds
 * (folio_mark_accessed() then counts references in its tiers, and leaves
 * PG_idle alone), in a file over WSMON_FILE_PAGES_MAX pages, and in the
 * files the budget left unwalked this sample.
 *
 * A page counts for the memory cgroup it is charged to, split among the
 * tracked processes of that group that hold the file open, so that a
 * group's sum counts it once.
 *
 * Only the sampling worker touches this state, and the module's exit
 * after the worker stopped.  An inode is used only while a file of it is
 * held; a state not found open in a sample is freed, so a later inode at
 * the same address starts afresh.
 */
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/hashtable.h>
#include <linux/memcontrol.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/sched/mm.h>
#include <linux/sched/task.h>
#include <linux/slab.h>

#include "compat.h"
#include "core.h"

/* regular files examined per process, and per sample in all */
#define WSMON_FILES_PER_PROC	64
#define WSMON_FILES_PER_SAMPLE	4096
/* the groups one file's pages are counted for */
#define WSMON_FILE_GROUPS	4
/* a file whose pages are too many to age: 4 GiB of 4 KiB pages */
#define WSMON_FILE_PAGES_MAX	BIT(20)

/* the file states and their ages, in bytes: in status's AGE_BYTES */
atomic64_t wsmon_file_age_bytes = ATOMIC64_INIT(0);

#ifdef CONFIG_MEMCG
#define WSMON_FAGE_NONE		0xff	/* not cached, or mapped */
#define WSMON_FAGE_OLD		0xfe	/* idle at least this long */

struct wsmon_fgroup {
	struct mem_cgroup *memcg;	/* borrowed from an opener */
	u32 openers;
	u64 cache, used, unknown;	/* pages, this sample */
};

struct wsmon_fstate {
	struct hlist_node node;
	const struct inode *inode;	/* identity: dereferenced only while a file is held */
	unsigned long ino;
	u32 generation;
	unsigned long seen_gen;		/* the sample that last found it open */
	u32 last_proc;			/* this sample's last opener (index + 1) */
	u64 walked;			/* the sample of its last walk; 0 none */
	unsigned long nr;		/* pages age[] covers */
	u8 *age;
	u32 nr_groups;
	struct wsmon_fgroup g[WSMON_FILE_GROUPS];
};

/* one regular file one process holds open, this sample */
struct wsmon_fopen {
	struct file *file;		/* reference held */
	struct mem_cgroup *memcg;	/* the opener's, reference held */
	u32 proc;			/* index of the opener in pids[] */
	struct wsmon_fstate *fs;
	int group;			/* in fs->g[]; -1 none */
};

static DEFINE_HASHTABLE(wsmon_fstates, 8);
static unsigned long wsmon_fgen;

struct wsmon_fcollect {
	struct wsmon_fopen *v;
	u32 n, max, proc_first, proc;
	struct mem_cgroup *memcg;
};

/* iterate_fd() callback, under the files' spinlock: take a reference */
static int wsmon_fcollect_one(const void *arg, struct file *file, unsigned int fd)
{
	struct wsmon_fcollect *c = (struct wsmon_fcollect *)arg;

	if (!S_ISREG(file_inode(file)->i_mode) || !file->f_mapping->nrpages)
		return 0;
	if (c->n == c->max || c->n - c->proc_first == WSMON_FILES_PER_PROC)
		return 1;
	get_file(file);
	css_get(&c->memcg->css);
	c->v[c->n++] = (struct wsmon_fopen) {
		.file = file, .memcg = c->memcg, .proc = c->proc, .group = -1,
	};
	return 0;
}

/* The regular files @pid's process holds open, added to @c. */
static void wsmon_fcollect(struct pid *pid, struct wsmon_fcollect *c)
{
	struct task_struct *task = get_pid_task(pid, PIDTYPE_TGID);
	struct mm_struct *mm;

	if (!task)
		return;
	mm = (task->flags & PF_KTHREAD) ? NULL : wsmon_get_task_mm(task);
	if (mm) {
		c->memcg = get_mem_cgroup_from_mm(mm);
		mmput(mm);
		c->proc_first = c->n;
		if (c->memcg) {
			task_lock(task);
			iterate_fd(task->files, 0, wsmon_fcollect_one, c);
			task_unlock(task);
			mem_cgroup_put(c->memcg);
		}
	}
	put_task_struct(task);
}

static struct wsmon_fstate *wsmon_fstate_find(const struct inode *inode)
{
	struct wsmon_fstate *fs;

	hash_for_each_possible(wsmon_fstates, fs, node, (unsigned long)inode)
		if (fs->inode == inode && fs->ino == inode->i_ino &&
		    fs->generation == inode->i_generation)
			return fs;
	return NULL;
}

static void wsmon_fstate_free(struct wsmon_fstate *fs)
{
	atomic64_sub(sizeof(*fs) + fs->nr, &wsmon_file_age_bytes);
	hash_del(&fs->node);
	kvfree(fs->age);
	kfree(fs);
}

/* Pages the file may cache now: what age[] should cover. */
static unsigned long wsmon_fpages(const struct inode *inode)
{
	return DIV_ROUND_UP(i_size_read(inode), PAGE_SIZE);
}

/*
 * @o's file's state, created or grown to the file's size (charged to the
 * opener's group); its age array may stay NULL (too large, or no room).
 */
static struct wsmon_fstate *wsmon_fstate_get(struct wsmon_fopen *o)
{
	const struct inode *inode = file_inode(o->file);
	unsigned long nr = wsmon_fpages(inode);
	struct wsmon_fstate *fs = wsmon_fstate_find(inode);
	struct mem_cgroup *old;
	u8 *age;

	old = set_active_memcg(o->memcg);
	if (!fs) {
		fs = kzalloc(sizeof(*fs), WSMON_GFP_SMALL);
		if (!fs) {
			wsmon_alloc_failed++;
			goto out;
		}
		fs->inode = inode;
		fs->ino = inode->i_ino;
		fs->generation = inode->i_generation;
		hash_add(wsmon_fstates, &fs->node, (unsigned long)inode);
		atomic64_add(sizeof(*fs), &wsmon_file_age_bytes);
	}
	if (nr > fs->nr && nr <= WSMON_FILE_PAGES_MAX) {
		age = wsmon_kvmalloc_charged(nr);
		if (age) {
			memset(age, WSMON_FAGE_NONE, nr);
			if (fs->age)
				memcpy(age, fs->age, fs->nr);
			kvfree(fs->age);
			atomic64_add(nr - fs->nr, &wsmon_file_age_bytes);
			fs->age = age;
			fs->nr = nr;
		}
	}
out:
	set_active_memcg(old);
	return fs;
}

/* This sample's groups of @fs: a new sample starts them afresh. */
static int wsmon_fgroup_get(struct wsmon_fstate *fs, struct mem_cgroup *memcg)
{
	u32 i;

	if (fs->seen_gen != wsmon_fgen) {
		fs->seen_gen = wsmon_fgen;
		fs->last_proc = 0;
		fs->nr_groups = 0;
	}
	for (i = 0; i < fs->nr_groups; i++)
		if (fs->g[i].memcg == memcg)
			return i;
	if (i == WSMON_FILE_GROUPS)
		return -1;
	fs->g[i] = (struct wsmon_fgroup) { .memcg = memcg };
	fs->nr_groups++;
	return i;
}

static struct wsmon_fgroup *wsmon_fgroup_of(struct wsmon_fstate *fs, struct folio *folio)
{
	struct mem_cgroup *memcg;
	u32 i;

	rcu_read_lock();
	memcg = folio_memcg(folio);
	rcu_read_unlock();
	for (i = 0; i < fs->nr_groups; i++)
		if (fs->g[i].memcg == memcg)
			return &fs->g[i];
	return NULL;
}

/* One folio's pages [lo, hi) of @fs, idle for @gap samples unless used. */
static void wsmon_fvisit(struct wsmon_fstate *fs, struct folio *folio,
			 pgoff_t lo, pgoff_t hi, u64 gap, u32 window)
{
	struct wsmon_fgroup *g;
	bool unknown, used;
	u64 n = hi - lo, young = 0;
	pgoff_t i;
	u8 a;

	if (folio_mapped(folio)) {
		memset(fs->age + lo, WSMON_FAGE_NONE, n);
		return;
	}
	unknown = !WSMON_HAVE_PG_IDLE || wsmon_folio_on_mglru(folio);
	used = wsmon_folio_used(folio);
	wsmon_folio_mark_idle(folio);
	for (i = lo; i < hi; i++) {
		a = fs->age[i];
		if (used)
			a = 0;
		else if (a == WSMON_FAGE_NONE)
			a = WSMON_FAGE_OLD;	/* cached, but not read since */
		else
			a = min_t(u64, a + gap, WSMON_FAGE_OLD);
		fs->age[i] = a;
		young += a < window;
	}
	g = wsmon_fgroup_of(fs, folio);
	if (!g)
		return;
	g->cache += n;
	if (unknown) {
		g->used += n;
		g->unknown += n;
	} else {
		g->used += young;
	}
}

/* Walk @fs's cached folios (its file held); the folios visited. */
static long wsmon_fwalk(struct wsmon_fstate *fs, struct address_space *mapping,
			u64 now, u32 window)
{
	u64 gap = fs->walked ? now - fs->walked : 0;
	struct folio_batch fbatch;
	pgoff_t index = 0, next = 0, lo, hi;
	long visited = 0;
	unsigned int i;

	folio_batch_init(&fbatch);
	while (index < fs->nr &&
	       filemap_get_folios(mapping, &index, fs->nr - 1, &fbatch)) {
		for (i = 0; i < folio_batch_count(&fbatch); i++) {
			struct folio *folio = fbatch.folios[i];

			lo = max(folio->index, next);
			hi = min_t(pgoff_t, folio->index + folio_nr_pages(folio), fs->nr);
			if (lo >= hi)
				continue;
			memset(fs->age + next, WSMON_FAGE_NONE, lo - next);
			wsmon_fvisit(fs, folio, lo, hi, gap, window);
			next = hi;
		}
		visited += folio_batch_count(&fbatch);
		folio_batch_release(&fbatch);
		cond_resched();
	}
	memset(fs->age + next, WSMON_FAGE_NONE, fs->nr - next);
	fs->walked = now;
	return visited;
}

/* An unwalked file: all its cached pages, used or not, for @o's group. */
static void wsmon_funknown(struct wsmon_fopen *o)
{
	struct wsmon_fgroup *g = &o->fs->g[o->group];
	u64 n = o->file->f_mapping->nrpages;

	g->cache = n;
	g->used = n;
	g->unknown = n;
}

/*
 * The page cache of the files @pids' processes hold open, this sample:
 * each process's share, in pages, in @out (3 per process: cache, used
 * within @window samples, of which unknown).  @budget is in folios.
 */
static void wsmon_fsample(struct pid **pids, u32 n, u64 now, u32 window,
			  long budget, u64 (*out)[3])
{
	struct wsmon_fcollect c = { .max = min_t(u32, WSMON_FILES_PER_SAMPLE, n * 4 + 64) };
	struct wsmon_fstate *fs;
	struct hlist_node *tmp;
	struct wsmon_fgroup *g;
	struct wsmon_fopen *o;
	u32 i, bkt;

	c.v = kvmalloc_array(c.max, sizeof(*c.v), GFP_KERNEL);
	if (!c.v)
		return;
	wsmon_fgen++;
	for (i = 0; i < n && c.n < c.max; i++) {
		c.proc = i;
		wsmon_fcollect(pids[i], &c);
	}
	/* states, and the groups each file is counted for */
	for (i = 0; i < c.n; i++) {
		o = &c.v[i];
		o->fs = wsmon_fstate_get(o);
		if (!o->fs)
			continue;
		o->group = wsmon_fgroup_get(o->fs, o->memcg);
		/* a process holding a file twice counts once */
		if (o->group >= 0 && o->fs->last_proc == o->proc + 1)
			o->group = -1;
		if (o->group < 0)
			continue;
		o->fs->last_proc = o->proc + 1;
		o->fs->g[o->group].openers++;
	}
	/* each file walked once, by the first opener's reference */
	for (i = 0; i < c.n; i++) {
		o = &c.v[i];
		if (o->group < 0)
			continue;
		fs = o->fs;
		if (fs->walked == now && fs->age)
			continue;
		/* (no ages, or too few: a file that grew past the cap or its room) */
		if (!fs->age || budget <= 0 || wsmon_fpages(file_inode(o->file)) > fs->nr)
			wsmon_funknown(o);
		else
			budget -= wsmon_fwalk(fs, o->file->f_mapping, now, window) + 1;
	}
	for (i = 0; i < c.n; i++) {
		o = &c.v[i];
		if (o->group >= 0) {
			g = &o->fs->g[o->group];
			out[o->proc][0] += div_u64(g->cache, g->openers);
			out[o->proc][1] += div_u64(g->used, g->openers);
			out[o->proc][2] += div_u64(g->unknown, g->openers);
		}
		fput(o->file);
		mem_cgroup_put(o->memcg);
	}
	kvfree(c.v);
	hash_for_each_safe(wsmon_fstates, bkt, tmp, fs, node)
		if (fs->seen_gen != wsmon_fgen)
			wsmon_fstate_free(fs);
}

/*
 * The sampler's step: each process's page cache, published in its
 * record (file_pages) under wsmon_lock.
 */
void wsmon_files_sample(struct pid **pids, u32 n, u64 now, u32 window, long budget)
{
	struct wsmon_proc *proc;
	u64 (*out)[3];
	u32 i;

	out = kvcalloc(n ?: 1, sizeof(*out), GFP_KERNEL);
	if (!out)
		return;
	wsmon_fsample(pids, n, now, window, budget, out);
	mutex_lock(&wsmon_lock);
	for (i = 0; i < n; i++) {
		proc = xa_load(&wsmon_procs, pid_nr(pids[i]));
		if (!proc || proc->pid != pids[i])
			continue;
		wsmon_proc_write_begin(proc);
		proc->file_cache = out[i][0];
		proc->file_used = out[i][1];
		proc->file_unknown = out[i][2];
		wsmon_proc_write_end(proc);
	}
	mutex_unlock(&wsmon_lock);
	kvfree(out);
}

/* On unload, the sampler stopped. */
void wsmon_files_exit(void)
{
	struct wsmon_fstate *fs;
	struct hlist_node *tmp;
	u32 bkt;

	hash_for_each_safe(wsmon_fstates, bkt, tmp, fs, node)
		wsmon_fstate_free(fs);
}
#else
/* without memory cgroups, no page is charged to a group: nothing to count */
void wsmon_files_sample(struct pid **pids, u32 n, u64 now, u32 window, long budget)
{
}

void wsmon_files_exit(void)
{
}
#endif
