/* SPDX-License-Identifier: MIT */
/*
 * gencluster: write a realistic, deterministic z/VM SSI cluster for benchmarks.
 *
 *   gencluster -n USERS [-s SEED] [-m MEMBERS] -o DIR
 *
 * writes DIR/USER.DIRECT (DIRECTORY SSI, PROFILEs, system IDENTITYs with one
 * SUBCONFIG per member, then USERS guest entries: about 2% IDENTITYs, the rest
 * USERs), DIR/SYSTEM.CONFIG (the matching shared configuration: SSI, per-member
 * System_Residence, CP_Owned, MEMBER: BEGIN/END blocks with page volumes, RDEV
 * EQIDs and VSWITCHes, a full ISLINK mesh, VMLAN, User_Volume_List) and
 * DIR/placement.txt (one "USERID MEMBER" line per USER entry, round robin).
 *
 * Minidisks never overlap: every volume (3390-9, 10017 cylinders, cylinder 0
 * left for the label) is filled by a cursor and the next one is started when a
 * disk does not fit.  Same seed, same output, on every platform: the PRNG is
 * splitmix64, not rand().  The whole program is libc only.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define MAX_MEMBERS 8
#define MAX_USERS 4000000UL
#define VOL_CYLS 10017u      /* a 3390-9 */
#define FCP_PER_FABRIC 0x2000u /* rdevs 4000-5FFF (fabric X) and 6000-7FFF (fabric Y) */
#define GROUP 16             /* every 16th guest owns a disk its group LINKs to */

/* ---- buffered output: one flush per 64 KiB, no stdio call per line ---- */

struct out {
	FILE *f;
	const char *path;
	size_t len;
	unsigned long long total;
	char buf[1 << 16];
};

static struct out dir_out, cfg_out, plc_out;

static void flush(struct out *o)
{
	if (o->len && fwrite(o->buf, 1, o->len, o->f) != o->len) {
		fprintf(stderr, "gencluster: %s: write error: %s\n", o->path, strerror(errno));
		exit(1);
	}
	o->total += o->len;
	o->len = 0;
}

static char *room(struct out *o, size_t n)
{
	if (o->len + n > sizeof o->buf)
		flush(o);
	return o->buf + o->len;
}

static void os(struct out *o, const char *s)
{
	size_t n = strlen(s);
	memcpy(room(o, n), s, n);
	o->len += n;
}

static void oc(struct out *o, char c)
{
	*room(o, 1) = c;
	o->len++;
}

static void od(struct out *o, unsigned long v) /* decimal */
{
	char tmp[24];
	int i = 0;
	do
		tmp[i++] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	char *p = room(o, (size_t)i);
	o->len += (size_t)i;
	while (i)
		*p++ = tmp[--i];
}

static void ox(struct out *o, unsigned v, int width) /* upper-case hex, zero padded */
{
	char *p = room(o, (size_t)width);
	for (int i = width - 1; i >= 0; i--, v >>= 4)
		p[i] = "0123456789ABCDEF"[v & 15];
	o->len += (size_t)width;
}

#ifdef __GNUC__
static void of(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#endif

static void of(struct out *o, const char *fmt, ...) /* formatted, for the rare lines */
{
	va_list ap;
	char *p = room(o, 512);
	va_start(ap, fmt);
	int n = vsnprintf(p, 512, fmt, ap);
	va_end(ap);
	if (n < 0 || n >= 512) {
		fprintf(stderr, "gencluster: internal error: line too long\n");
		exit(2);
	}
	o->len += (size_t)n;
}

/* ---- deterministic PRNG (splitmix64) ---- */

static uint64_t rng;

static uint64_t rnd64(void)
{
	uint64_t z = (rng += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static unsigned rnd(unsigned n) /* uniform-enough in [0, n) */
{
	return (unsigned)(((rnd64() >> 32) * (uint64_t)n) >> 32);
}

static int chance(unsigned percent)
{
	return rnd(100) < percent;
}

/* ---- cluster state ---- */

static unsigned members = 4;
static unsigned long nusers;
static unsigned long long seed = 1;

static unsigned long shared_vol; /* index of the shared volume being filled */
static unsigned shared_cur = 1;  /* its next free cylinder */
static unsigned local_vol[MAX_MEMBERS], local_cur[MAX_MEMBERS];
static unsigned res_cur[MAX_MEMBERS], com_cur = 1;
static unsigned nfcp;            /* FCP rdevs dedicated, per fabric */
static unsigned long n_user, n_ident, n_mdisk, n_link, n_dedicate;
static char leader[9];           /* owner of the current group's 0200 disk */
static char toolowner[9];        /* last IDENTITY with a shared 0192 tools disk */

static void digits(char *dst, unsigned long v, int width) /* zero padded, NUL ended */
{
	for (int i = width - 1; i >= 0; i--, v /= 10)
		dst[i] = (char)('0' + v % 10);
	dst[width] = '\0';
}

static void base36(char *dst, unsigned long v, int width)
{
	for (int i = width - 1; i >= 0; i--, v /= 36)
		dst[i] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[v % 36];
	dst[width] = '\0';
}

static void shared_volser(char vol[7], unsigned long k)
{
	if (k < 10000) { /* LX0000 .. LX9999, then L + 5 base-36 digits (never 'X' first) */
		vol[0] = 'L';
		vol[1] = 'X';
		digits(vol + 2, k, 4);
	} else {
		vol[0] = 'L';
		base36(vol + 1, k, 5);
	}
}

static void local_volser(char vol[7], unsigned member, unsigned k)
{
	vol[0] = 'V';
	vol[1] = (char)('1' + member);
	vol[2] = 'L';
	base36(vol + 3, k, 3);
}

static void alloc_shared(unsigned size, char vol[7], unsigned *start)
{
	if (shared_cur + size > VOL_CYLS) {
		shared_vol++;
		shared_cur = 1;
	}
	*start = shared_cur;
	shared_cur += size;
	shared_volser(vol, shared_vol);
}

static void alloc_local(unsigned member, unsigned size, char vol[7], unsigned *start)
{
	if (local_cur[member] + size > VOL_CYLS) {
		local_vol[member]++;
		local_cur[member] = 1;
	}
	*start = local_cur[member];
	local_cur[member] += size;
	local_volser(vol, member, local_vol[member]);
}

static void alloc_res(unsigned member, unsigned size, char vol[7], unsigned *start)
{
	*start = res_cur[member];
	res_cur[member] += size;
	memcpy(vol, "VM1RES", 7);
	vol[2] = (char)('1' + member);
}

static void alloc_com(unsigned size, char vol[7], unsigned *start)
{
	*start = com_cur;
	com_cur += size;
	memcpy(vol, "SSICOM", 7);
}

/* ---- directory statements ---- */

static void mdisk(unsigned vdev, unsigned start, unsigned size, const char *vol, const char *mode)
{
	struct out *o = &dir_out;
	os(o, " MDISK ");
	ox(o, vdev, 4);
	os(o, " 3390 ");
	digits(room(o, 6), start, 5); /* IBM style: 00039 00120 */
	o->len += 5;
	oc(o, ' ');
	digits(room(o, 6), size, 5);
	o->len += 5;
	oc(o, ' ');
	os(o, vol);
	oc(o, ' ');
	os(o, mode);
	oc(o, '\n');
	n_mdisk++;
}

static void mdisk_shared(unsigned vdev, unsigned size, const char *mode)
{
	char vol[7];
	unsigned start;
	alloc_shared(size, vol, &start);
	mdisk(vdev, start, size, vol, mode);
}

static void dlink(const char *owner, unsigned vdev, unsigned as, const char *mode)
{
	struct out *o = &dir_out;
	os(o, " LINK ");
	os(o, owner);
	oc(o, ' ');
	ox(o, vdev, 4);
	oc(o, ' ');
	ox(o, as, 4);
	oc(o, ' ');
	os(o, mode);
	oc(o, '\n');
	n_link++;
}

static void sysname(char *dst, unsigned member)
{
	memcpy(dst, "VMSYS1", 7);
	dst[5] = (char)('1' + member);
}

static void place(const char *userid, unsigned member)
{
	os(&plc_out, userid);
	os(&plc_out, " VMSYS");
	oc(&plc_out, (char)('1' + member));
	oc(&plc_out, '\n');
}

static void profiles(void)
{
	struct out *o = &dir_out;
	os(o, "*\n* Profiles\n*\n"
	      "PROFILE IBMDFLT\n"
	      " SPOOL 000C 2540 READER *\n"
	      " SPOOL 000D 2540 PUNCH A\n"
	      " SPOOL 000E 1403 A\n"
	      " CONSOLE 0009 3215 T\n"
	      "\n"
	      "* Linux guests: no link to a local (SUBCONFIG) minidisk, so relocatable\n"
	      "PROFILE LINDFLT\n"
	      " OPTION CHPIDVIRTUALIZATION ONE\n"
	      " CRYPTO APVIRT\n"
	      " CONSOLE 0009 3215 T\n"
	      " SPOOL 000C 2540 READER *\n"
	      " SPOOL 000D 2540 PUNCH A\n"
	      " SPOOL 000E 1403 A\n"
	      " LINK LNXMAINT 0192 0191 RR\n"
	      "\n"
	      "* Linux guests that IPL through CMS: they link MAINT's local 019x disks\n"
	      "PROFILE LNXCMS\n"
	      " OPTION CHPIDVIRTUALIZATION ONE\n"
	      " CONSOLE 0009 3215 T\n"
	      " SPOOL 000C 2540 READER *\n"
	      " SPOOL 000D 2540 PUNCH A\n"
	      " SPOOL 000E 1403 A\n"
	      " LINK MAINT 0190 0190 RR\n"
	      " LINK MAINT 019D 019D RR\n"
	      " LINK MAINT 019E 019E RR\n"
	      " LINK LNXMAINT 0192 0191 RR\n"
	      "\n"
	      "PROFILE CMSDFLT\n"
	      " IUCV ALLOW\n"
	      " CONSOLE 0009 3215 T\n"
	      " SPOOL 000C 2540 READER *\n"
	      " SPOOL 000D 2540 PUNCH A\n"
	      " SPOOL 000E 1403 A\n"
	      " LINK MAINT 0190 0190 RR\n"
	      " LINK MAINT 019D 019D RR\n"
	      " LINK MAINT 019E 019E RR\n"
	      "\n"
	      "PROFILE WASPROF\n"
	      " CRYPTO APVIRT\n"
	      " IUCV ALLOW\n"
	      " OPTION APPLMON CHPIDVIRTUALIZATION ONE\n"
	      " CONSOLE 0009 3215 T OPERATOR\n"
	      " NICDEF 0F00 TYPE QDIO LAN SYSTEM VSWPROD\n"
	      " NICDEF 0F10 TYPE QDIO LAN SYSTEM VSWTEST\n"
	      " NICDEF 0F20 TYPE QDIO LAN SYSTEM VSWADMIN\n"
	      " NICDEF 0F30 TYPE QDIO LAN SYSTEM VSWHB\n"
	      " SPOOL 000C 2540 READER *\n"
	      " SPOOL 000D 2540 PUNCH A\n"
	      " SPOOL 000E 1403 A\n"
	      " LINK LNXMAINT 0192 0191 RR\n");
}

/* An IDENTITY: INCLUDE, one BUILD per member, the common part, then SUBCONFIGs
 * NAME-1..NAME-m with the links to MAINT's local disks and a local 0191. */
struct identity {
	const char *id, *sub, *pw, *stor, *maxstor, *cls;
	unsigned disk191;  /* cylinders of the per-member 0191; 0: none */
	int on_res;        /* 0191 on the member's RES volume, else on a local user volume */
	unsigned tools;    /* cylinders of a shared 0192 in the IDENTITY body; 0: none */
};

static void identity(const struct identity *d)
{
	struct out *o = &dir_out;
	char sys[9], vol[7];
	unsigned start;

	of(o, "\nIDENTITY %-8s %-8s %-5s %-5s %s\n", d->id, d->pw, d->stor, d->maxstor, d->cls);
	os(o, " INCLUDE IBMDFLT\n");
	for (unsigned m = 0; m < members; m++) {
		sysname(sys, m);
		of(o, " BUILD ON %s USING SUBCONFIG %s-%u\n", sys, d->sub, m + 1);
	}
	os(o, " IPL CMS PARM AUTOCR\n MACHINE ESA\n");
	if (d->tools) {
		os(o, " OPTION QUICKDSP\n");
		mdisk_shared(0x192, d->tools, "RR");
	}
	for (unsigned m = 0; m < members; m++) {
		of(o, "\nSUBCONFIG %s-%u\n", d->sub, m + 1);
		dlink("MAINT", 0x190, 0x190, "RR");
		dlink("MAINT", 0x19D, 0x19D, "RR");
		dlink("MAINT", 0x19E, 0x19E, "RR");
		if (d->disk191) {
			if (d->on_res)
				alloc_res(m, d->disk191, vol, &start);
			else
				alloc_local(m, d->disk191, vol, &start);
			mdisk(0x191, start, d->disk191, vol, "MR");
		}
	}
	n_ident++;
}

static void system_entries(void)
{
	struct out *o = &dir_out;
	char vol[7];
	unsigned start;
	static const struct identity sysids[] = {
		{"OPERATOR", "OPERAT", "XXXXXXXX", "128M", "128M", "ABCDEFG", 5, 1, 0},
		{"EREP", "EREP", "XXXXXXXX", "32M", "32M", "BFG", 2, 1, 0},
		{"DISKACNT", "DISKAC", "AUTOONLY", "32M", "32M", "BEG", 1, 1, 0},
		{"OPERATNS", "OPRTNS", "XXXXXXXX", "128M", "128M", "BCDEFG", 5, 1, 0},
		{"AUTOLOG1", "AUTLG1", "AUTOONLY", "32M", "32M", "ABE", 1, 1, 0},
		{"TCPIP", "TCPIP", "AUTOONLY", "128M", "256M", "ABG", 9, 1, 0},
	};

	/* MAINT: the CMS system disks live on each member's RES volume */
	os(o, "\n*\n* System entries\n*\n"
	      "IDENTITY MAINT    XXXXXXXX 256M  1000M ABCDEFGHIJKLMNOPQRSTUVWXYZ\n"
	      " INCLUDE IBMDFLT\n");
	for (unsigned m = 0; m < members; m++)
		of(o, " BUILD ON VMSYS%u USING SUBCONFIG MAINT-%u\n", m + 1, m + 1);
	os(o, " ACCOUNT 1 SYSPROG\n"
	      " IPL 190 PARM AUTOCR\n"
	      " MACHINE ESA\n"
	      " OPTION MAXCONN 128 QUICKDSP\n"
	      " LINK PMAINT 0CF0 0CF0 MR\n");
	n_link++;
	for (unsigned m = 0; m < members; m++) {
		static const struct { unsigned vdev, size; const char *mode; } d[] = {
			{0xCF1, 120, "RR"}, {0xCF3, 120, "RR"}, {0x190, 214, "RR"},
			{0x19D, 292, "RR"}, {0x19E, 500, "RR"}, {0x191, 175, "MR"},
		};
		of(o, "\nSUBCONFIG MAINT-%u\n", m + 1);
		for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
			alloc_res(m, d[i].size, vol, &start);
			mdisk(d[i].vdev, start, d[i].size, vol, d[i].mode);
		}
	}
	n_ident++;

	/* PMAINT owns the common volume (the shared parm disk CF0) */
	os(o, "\nUSER PMAINT XXXXXXXX 128M 1000M G\n"
	      " INCLUDE IBMDFLT\n"
	      " ACCOUNT 1 SYSPROG\n"
	      " IPL CMS PARM AUTOCR\n"
	      " MACHINE ESA\n");
	static const struct { unsigned vdev, size; } p[] = {
		{0xCF0, 120}, {0x2CC, 10}, {0x41D, 150}, {0x551, 40},
	};
	for (size_t i = 0; i < sizeof p / sizeof p[0]; i++) {
		alloc_com(p[i].size, vol, &start);
		mdisk(p[i].vdev, start, p[i].size, vol, "MR");
	}
	place("PMAINT", 0);
	n_user++;

	for (size_t i = 0; i < sizeof sysids / sizeof sysids[0]; i++)
		identity(&sysids[i]);

	/* LNXMAINT owns the shared 0192 every Linux profile links */
	os(o, "\nUSER LNXMAINT XXXXXXXX 128M 256M BEG\n"
	      " INCLUDE CMSDFLT\n"
	      " IPL CMS PARM AUTOCR\n"
	      " MACHINE ESA\n");
	mdisk_shared(0x191, 20, "MR");
	mdisk_shared(0x192, 200, "MR");
	place("LNXMAINT", 0);
	n_user++;

	/* LNXADMIN: the LOGONBY user of the Linux guests */
	os(o, "\nUSER LNXADMIN XXXXXXXX 64M 128M G\n"
	      " INCLUDE CMSDFLT\n"
	      " IPL CMS PARM AUTOCR\n"
	      " MACHINE ESA\n");
	mdisk_shared(0x191, 10, "MR");
	place("LNXADMIN", 0);
	n_user++;
}

/* ---- guests ---- */

enum kind { K_LNX, K_WAS, K_DBS, K_APP, K_CMU, K_IDENT };

static void make_id(char id[9], enum kind k, unsigned long n)
{
	static const char *const pfx[] = {"LNX", "WAS", "DBS", "APP", "CMU"};
	if (k == K_IDENT) { /* <= 6 characters, so that NAME-n fits in 8 */
		if (n < 10000) {
			memcpy(id, "SV", 2);
			digits(id + 2, n, 4);
		} else {
			id[0] = 'S';
			digits(id + 1, n, 5);
		}
	} else if (n < 100000) {
		memcpy(id, pfx[k], 3);
		digits(id + 3, n, 5);
	} else { /* a digit in column 2 never collides with the 3-letter prefixes */
		id[0] = pfx[k][0];
		digits(id + 1, n, 7);
	}
}

static void user_line(const char *id, const char *pw, const char *stor, const char *cls)
{
	struct out *o = &dir_out;
	os(o, "\nUSER ");
	os(o, id);
	oc(o, ' ');
	os(o, pw);
	oc(o, ' ');
	os(o, stor);
	oc(o, ' ');
	os(o, cls);
	oc(o, '\n');
}

static void cpus(unsigned n)
{
	struct out *o = &dir_out;
	os(o, " CPU 00 BASE\n");
	for (unsigned i = 1; i < n; i++) {
		os(o, " CPU ");
		ox(o, i, 2);
		oc(o, '\n');
	}
}

static void nicdef(unsigned vdev, const char *vswitch, unsigned long macid)
{
	struct out *o = &dir_out;
	os(o, " NICDEF ");
	ox(o, vdev, 4);
	os(o, " TYPE QDIO LAN SYSTEM ");
	os(o, vswitch);
	if (macid) { /* unique: the guest's index and the NIC's number */
		os(o, " MACID ");
		ox(o, (unsigned)(macid & 0xFFFFFF), 6);
	}
	oc(o, '\n');
}

/* SAN guests get two FCP subchannels, one per fabric, while any are left: a
 * LOADDEV (control statement) for SCSI IPL, then DEDICATE A000/A100 (devices). */
static int san_take(void)
{
	return nfcp < FCP_PER_FABRIC ? (int)++nfcp : 0;
}

static void san_loaddev(unsigned f)
{
	struct out *o = &dir_out;
	os(o, " LOADDEV PORTNAME 5005076801");
	ox(o, 0xA00000 + f, 6);
	os(o, "\n LOADDEV LUN 40");
	ox(o, rnd(256), 2);
	os(o, "400000000000\n");
}

static void san_dedicate(unsigned f)
{
	struct out *o = &dir_out;
	os(o, " DEDICATE A000 ");
	ox(o, 0x4000 + f - 1, 4);
	os(o, "\n DEDICATE A100 ");
	ox(o, 0x6000 + f - 1, 4);
	oc(o, '\n');
	n_dedicate += 2;
}

static const char *pick(const char *const *v, const unsigned char *weight, unsigned n)
{
	unsigned r = rnd(100);
	for (unsigned i = 0; i < n - 1; i++) {
		if (r < weight[i])
			return v[i];
		r -= weight[i];
	}
	return v[n - 1];
}

static void logonby(void)
{
	os(&dir_out, chance(50) ? " LOGONBY LNXADMIN\n" : " LOGONBY LNXADMIN OPERATOR\n");
}

/* Guest i (0-based).  Every GROUP-th guest is a USER that owns a 0200 disk the
 * next guests of its group may LINK; about 2% are IDENTITYs. */
static void guest(unsigned long i)
{
	static unsigned long count[6];
	static unsigned long placed;
	static const char *const stor[] = {"512M 2G", "1G 4G", "2G 8G", "4G 16G", "8G 32G",
					   "4096M 64G"};
	static const unsigned char stor_w[] = {10, 25, 30, 20, 10, 5};
	static const unsigned root[] = {1113, 3338, 3338, 5008};
	static const unsigned ncpus[] = {1, 2, 2, 2, 4, 4, 8, 1};
	struct out *o = &dir_out;
	int is_leader = i % GROUP == 0;
	unsigned r = rnd(1000), f = 0;
	unsigned long mac = (i + 1) * 4;
	enum kind k;
	char id[9];

	if (is_leader)
		k = r < 700 ? K_LNX : K_APP;
	else if (r < 20)
		k = K_IDENT;
	else if (r < 600)
		k = K_LNX;
	else if (r < 700)
		k = K_WAS;
	else if (r < 800)
		k = K_DBS;
	else if (r < 900)
		k = K_APP;
	else
		k = K_CMU;
	if (++count[k] >= (k == K_IDENT ? 100000UL : 10000000UL)) {
		fprintf(stderr, "gencluster: too many entries of one kind\n");
		exit(2);
	}
	make_id(id, k, count[k]);

	if (k == K_IDENT) {
		struct identity d = {id, id, "AUTOONLY", "64M", "256M", "BG",
				     10 + 5 * rnd(4), 0, 50};
		identity(&d);
		memcpy(toolowner, id, 9);
		return;
	}

	/* One rnd() per statement from here on: the order in which a compiler
	 * evaluates function arguments is unspecified, the output must not be. */
	if (chance(65)) {
		unsigned team = rnd(100), change = rnd(1000000);
		of(o, "\n* %s guest of group %04lu, owner team %02u, change CHG%06u",
		   k == K_CMU ? "CMS" : k == K_DBS ? "Database" : k == K_WAS ? "WebSphere" : "Linux",
		   i / GROUP, team, change);
	}

	switch (k) {
	case K_LNX:
	case K_APP: {
		int viacms = k == K_LNX && chance(12);
		int lby = chance(20);
		unsigned ncpu = k == K_APP ? 1 : ncpus[rnd(8)];
		user_line(id, lby ? "LBYONLY" : "XXXXXXXX", k == K_APP ? "1G 4G" : pick(stor, stor_w, 6),
			  "G");
		os(o, viacms ? " INCLUDE LNXCMS\n" : " INCLUDE LINDFLT\n");
		os(o, " ACCOUNT ");
		od(o, 1000 + rnd(64));
		os(o, k == K_APP ? " APPS\n" : " LINUX\n");
		cpus(ncpu);
		os(o, viacms ? " IPL CMS PARM AUTOCR\n" : " IPL 0100\n");
		if (lby || chance(40))
			logonby();
		os(o, " MACHINE ESA ");
		od(o, ncpu < 2 ? 2 : ncpu * 2);
		oc(o, '\n');
		if (chance(30))
			os(o, " OPTION APPLMON\n");
		if (chance(30))
			os(o, " SHARE RELATIVE 200\n");
		const char *vsw = chance(70) ? "VSWPROD" : "VSWTEST";
		nicdef(0x600, vsw, chance(40) ? mac : 0);
		if (chance(20))
			nicdef(0x700, "VSWADMIN", 0);
		if (!is_leader && chance(50))
			dlink(leader, 0x200, 0x200, "RR");
		mdisk_shared(0x100, root[rnd(4)], "MR");
		if (chance(60))
			mdisk_shared(0x101, chance(70) ? 1113 : 3338, "MR");
		if (chance(40))
			mdisk_shared(0x102, 1113, "MR");
		if (chance(15))
			mdisk_shared(0x103, 1113, "MR");
		if (is_leader)
			mdisk_shared(0x200, 500, "MR ALL");
		if (chance(50))
			os(o, " MDISK 0300 FB-512 V-DISK 131072 MR\n"), n_mdisk++;
		break;
	}
	case K_WAS:
		if (chance(5))
			f = san_take();
		user_line(id, "XXXXXXXX", chance(50) ? "1536M 1536M" : "3G 6G", "GZ");
		os(o, " INCLUDE WASPROF\n CPU 00 BASE\n CPU 01\n IPL 0100\n");
		if (f)
			san_loaddev(f);
		logonby();
		os(o, " MACHINE ESA 2\n");
		if (f)
			san_dedicate(f);
		mdisk_shared(0x100, 3338, "MR");
		mdisk_shared(0x201, 1113, "MR READ WRITE MULTIPLE");
		mdisk_shared(0x202, 1113, "MR READ WRITE MULTIPLE");
		break;
	case K_DBS:
		if (chance(10))
			f = san_take();
		user_line(id, "XXXXXXXX", chance(50) ? "8G 32G" : "16G 64G", "G");
		os(o, " INCLUDE LINDFLT\n");
		os(o, " ACCOUNT ");
		od(o, 2000 + rnd(16));
		os(o, " DB2\n");
		cpus(4);
		os(o, " IPL 0100\n");
		if (f)
			san_loaddev(f);
		logonby();
		os(o, " MACHINE ESA 8\n SHARE RELATIVE 400\n");
		nicdef(0x600, "VSWPROD", mac);
		nicdef(0x700, "VSWADMIN", mac + 1);
		if (f)
			san_dedicate(f);
		mdisk_shared(0x100, 3338, "MR");
		if (!f) {
			mdisk_shared(0x101, 3338, "MR");
			mdisk_shared(0x102, chance(50) ? 3338 : 5008, "MR");
		}
		os(o, " MDISK 0300 FB-512 V-DISK 131072 MR\n"), n_mdisk++;
		break;
	case K_CMU:
		user_line(id, "XXXXXXXX", "32M 128M", "G");
		os(o, " INCLUDE CMSDFLT\n IPL CMS PARM AUTOCR\n MACHINE ESA\n");
		if (toolowner[0] && chance(50))
			dlink(toolowner, 0x192, 0x192, "RR");
		mdisk_shared(0x191, 5 + 5 * rnd(4), "MR");
		break;
	case K_IDENT:
		break;
	}
	if (is_leader)
		memcpy(leader, id, 9);
	place(id, (unsigned)(placed++ % members));
	n_user++;
}

static void directory(void)
{
	struct out *o = &dir_out;
	os(o, "DIRECTORY SSI 123 3390");
	for (unsigned m = 0; m < members; m++)
		of(o, " VM%uRES", m + 1);
	of(o, "\n*\n* USER DIRECT for SSI cluster BENCHSSI, %u members.\n"
	      "* Written by gencluster -n %lu -s %llu -m %u: do not edit.\n",
	   members, nusers, seed, members);
	profiles();
	system_entries();
	os(o, "\n*\n* Guests\n*\n");
	for (unsigned long i = 0; i < nusers; i++)
		guest(i);
}

/* ---- SYSTEM CONFIG ---- */

static const char *const vswitches[] = {"VSWPROD", "VSWTEST", "VSWADMIN", "VSWHB"};
#define NVSW (sizeof vswitches / sizeof vswitches[0])

static void banner(const char *title)
{
	of(&cfg_out, "\n/**********************************************************************/\n"
		     "/* %-66s */\n"
		     "/**********************************************************************/\n",
	   title);
}

static void config(void)
{
	struct out *o = &cfg_out;
	unsigned spool = 1 + (unsigned)(nusers / 100000), page = 1 + (unsigned)(nusers / 25000);
	char vol[7];

	if (spool > 8)
		spool = 8;
	if (page > 64)
		page = 64;
	char line[80];
	snprintf(line, sizeof line, "gencluster -n %lu -s %llu -m %u: %lu USERs, %lu IDENTITYs", nusers,
		 seed, members, n_user, n_ident);
	os(o, "/**********************************************************************/\n");
	of(o, "/* %-66s */\n", "SYSTEM CONFIG for SSI cluster BENCHSSI: do not edit, written by");
	of(o, "/* %-66s */\n", line);
	os(o, "/**********************************************************************/\n");

	banner("System_Identifier Information");
	for (unsigned m = 0; m < members; m++)
		of(o, "System_Identifier LPAR LPARVM%u VMSYS%u\n", m + 1, m + 1);

	banner("SSI Statement required for VMSSI feature");
	os(o, "SSI BENCHSSI PDR_VOLUME SSICOM,");
	for (unsigned m = 0; m < members; m++)
		of(o, "\n    SLOT %u VMSYS%u%s", m + 1, m + 1, m + 1 < members ? "," : "\n");

	banner("Checkpoint and Warmstart Information");
	for (unsigned m = 0; m < members; m++)
		of(o, "VMSYS%u:  System_Residence,\n"
		      "         Checkpoint  Volid VM%uRES  From CYL 21  For 9 ,\n"
		      "         Warmstart   Volid VM%uRES  From CYL 30  For 9\n",
		   m + 1, m + 1, m + 1);

	banner("CP_Owned Volume Statements");
	os(o, "/* RES in slot 1 (not shared), common volume in slot 5, spool         */\n"
	      "/* volumes from slot 10 up (shared, same slot on every member),       */\n"
	      "/* page volumes from slot 255 down (in the member blocks below).      */\n");
	for (unsigned m = 0; m < members; m++)
		of(o, "VMSYS%u:  CP_Owned   Slot   1  VM%uRES\n", m + 1, m + 1);
	os(o, "         CP_Owned   Slot   5  SSICOM\n");
	for (unsigned m = 0, slot = 10; m < members; m++)
		for (unsigned s = 0; s < spool; s++, slot++)
			of(o, "         CP_Owned   Slot %3u  VM%uS%02u\n", slot, m + 1, s + 1);

	banner("Shared User Volumes");
	for (unsigned long v = 0; v <= shared_vol; v++) {
		shared_volser(vol, v);
		os(o, v % 7 == 0 ? "User_Volume_List " : " ");
		os(o, vol);
		if (v % 7 == 6 || v == shared_vol)
			oc(o, '\n');
	}

	banner("System Userids, Privilege Classes, Features");
	os(o, "System_Userids   ,\n"
	      "    Operator  OPERATOR  ,\n"
	      "    Account   DISKACNT  ,\n"
	      "    Dump      OPERATNS  ,\n"
	      "    Erep      EREP\n"
	      "\n"
	      "Priv_Classes  ,\n"
	      "    Operator     A ,\n"
	      "    User_Default G\n"
	      "\n"
	      "Features ,\n"
	      "  Retrieve ,                      /* Retrieve options               */\n"
	      "    Default  20 ,\n"
	      "    Maximum  255 ,\n"
	      "  MaxUsers noLimit ,\n"
	      "  Disconnect_Timeout 15,\n"
	      "  Disable ,                       /* Disable the following features */\n"
	      "    Set_Privclass ,               /* Disallow SET PRIVCLASS command */\n"
	      "    Auto_Warm_IPL                 /* Prompt at IPL always           */\n"
	      "\n"
	      "CP_Access  PMAINT   CF0  A\n");

	banner("Virtual LAN MAC prefixes: one per member, one for user MACs");
	os(o, "VMLAN USERPREFIX 02FF00\n");
	for (unsigned m = 0; m < members; m++)
		of(o, "VMSYS%u:  VMLAN MACPREFIX 0201%02X\n", m + 1, m + 1);

	banner("Activate ISLINK statements: a full mesh of CTC links");
	for (unsigned m = 0; m < members; m++)
		for (unsigned n = 0; n < members; n++)
			if (n != m) {
				unsigned rdev = 0xE000 + (m + 1) * 0x100 + (n + 1) * 0x10;
				of(o, "VMSYS%u:  ACTIVATE ISLINK %04X %04X  NODE VMSYS%u\n", m + 1,
				   rdev, rdev + 8, n + 1);
			}

	banner("Per-member blocks: paging, local volumes, EQIDs, VSWITCHes");
	os(o, "/* OSA EQIDs are the VSWITCH names; each FCP subchannel has its own   */\n"
	      "/* EQID, the same on every member, so dedicated FCP devices relocate  */\n");
	for (unsigned m = 0; m < members; m++) {
		of(o, "\nVMSYS%u: BEGIN\n", m + 1);
		for (unsigned p = 0; p < page; p++)
			of(o, "    CP_Owned   Slot %3u  VM%uP%02u\n", 255 - p, m + 1, p + 1);
		if (local_cur[m] > 1 || local_vol[m] > 0) {
			for (unsigned v = 0; v <= local_vol[m]; v++) {
				local_volser(vol, m, v);
				os(o, v % 7 == 0 ? "    User_Volume_List " : " ");
				os(o, vol);
				if (v % 7 == 6 || v == local_vol[m])
					oc(o, '\n');
			}
		}
		for (unsigned v = 0; v < NVSW; v++) {
			unsigned a = 0x1000 + (m + 1) * 0x100 + v * 0x10;
			unsigned b = 0x2000 + (m + 1) * 0x100 + v * 0x10;
			of(o, "    RDEV %04X-%04X EQID %s TYPE OSA\n", a, a + 2, vswitches[v]);
			of(o, "    RDEV %04X-%04X EQID %s TYPE OSA\n", b, b + 2, vswitches[v]);
		}
		for (unsigned f = 0; f < nfcp; f++) {
			os(o, "    RDEV ");
			ox(o, 0x4000 + f, 4);
			os(o, " EQID FCPX");
			ox(o, f, 4);
			os(o, " TYPE FCP\n    RDEV ");
			ox(o, 0x6000 + f, 4);
			os(o, " EQID FCPY");
			ox(o, f, 4);
			os(o, " TYPE FCP\n");
		}
		for (unsigned v = 0; v < NVSW; v++)
			of(o, "    DEFINE VSWITCH %s RDEV %04X %04X ETHERNET\n", vswitches[v],
			   0x1000 + (m + 1) * 0x100 + v * 0x10, 0x2000 + (m + 1) * 0x100 + v * 0x10);
		of(o, "VMSYS%u: END\n", m + 1);
	}
}

/* ---- main ---- */

static void usage(int status)
{
	fprintf(status ? stderr : stdout,
		"usage: gencluster -n USERS [-s SEED] [-m MEMBERS] -o DIR\n"
		"  -n USERS    guest entries to write (1..%lu), about 2%% of them IDENTITYs\n"
		"  -s SEED     PRNG seed (default 1); same seed, same files\n"
		"  -m MEMBERS  SSI members (1..%d, default 4)\n"
		"  -o DIR      output directory: USER.DIRECT, SYSTEM.CONFIG, placement.txt\n",
		MAX_USERS, MAX_MEMBERS);
	exit(status);
}

static unsigned long long number(const char *opt, const char *s, unsigned long long lo,
				 unsigned long long hi)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *end || *s == '-' || v < lo || v > hi) {
		fprintf(stderr, "gencluster: %s: '%s' is not a number in %llu..%llu\n", opt, s, lo, hi);
		exit(2);
	}
	return v;
}

static void open_out(struct out *o, const char *dir, const char *name)
{
	static char paths[3][4096];
	static int used;
	char *path = paths[used++];
	if ((size_t)snprintf(path, sizeof paths[0], "%s/%s", dir, name) >= sizeof paths[0]) {
		fprintf(stderr, "gencluster: %s: path too long\n", dir);
		exit(2);
	}
	o->path = path;
	o->f = fopen(path, "w");
	if (!o->f) {
		fprintf(stderr, "gencluster: %s: %s\n", path, strerror(errno));
		exit(1);
	}
}

static void close_out(struct out *o)
{
	flush(o);
	if (fclose(o->f) != 0) {
		fprintf(stderr, "gencluster: %s: %s\n", o->path, strerror(errno));
		exit(1);
	}
}

int main(int argc, char **argv)
{
	const char *dir = NULL;
	int have_n = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help"))
			usage(0);
		if (a[0] != '-' || !a[1] || a[2] || i + 1 >= argc)
			usage(2);
		const char *v = argv[++i];
		switch (a[1]) {
		case 'n': nusers = (unsigned long)number("-n", v, 1, MAX_USERS); have_n = 1; break;
		case 's': seed = number("-s", v, 0, UINT64_MAX); break;
		case 'm': members = (unsigned)number("-m", v, 1, MAX_MEMBERS); break;
		case 'o': dir = v; break;
		default: usage(2);
		}
	}
	if (!have_n || !dir)
		usage(2);
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "gencluster: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	rng = seed;
	for (unsigned m = 0; m < members; m++) {
		local_cur[m] = 1;
		res_cur[m] = 39; /* after checkpoint (21-29) and warm start (30-38) */
	}

	open_out(&dir_out, dir, "USER.DIRECT");
	open_out(&plc_out, dir, "placement.txt");
	directory();
	close_out(&dir_out);
	close_out(&plc_out);
	open_out(&cfg_out, dir, "SYSTEM.CONFIG");
	config();
	close_out(&cfg_out);

	fprintf(stderr,
		"gencluster: %s: %lu USER + %lu IDENTITY entries, %lu MDISK, %lu LINK, %lu DEDICATE, "
		"%lu shared volumes; USER.DIRECT %llu bytes (%.0f per guest), SYSTEM.CONFIG %llu bytes\n",
		dir, n_user, n_ident, n_mdisk, n_link, n_dedicate, shared_vol + 1, dir_out.total,
		(double)dir_out.total / (double)nusers, cfg_out.total);
	return 0;
}
