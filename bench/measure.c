/* SPDX-License-Identifier: MIT */
/*
 * measure: run a command several times; report its median wall time and peak RSS.
 *
 *   measure [-r RUNS] [-w WARMUP] [-k] OUT.json LABEL -- COMMAND [ARG]...
 *
 *   -r RUNS    measured runs (default 5)
 *   -w WARMUP  runs before those, not measured (default 1: warms the page cache)
 *   -k         keep the command's stdout and stderr (default: /dev/null)
 *
 * Each run is forked and exec'd directly (no shell); wall time is taken with
 * clock_gettime(CLOCK_MONOTONIC) around fork..wait4, CPU time and peak RSS
 * (ru_maxrss) come from wait4's rusage of that run alone.  One JSON object is
 * appended to OUT.json as a line, with the keys always in this order:
 *
 *   {"label":"..","runs":5,"median_s":0.123456,"min_s":..,"max_s":..,
 *    "median_cpu_s":..,"max_rss_kb":1234,"exit_status":1,"exit_consistent":true,
 *    "signal":0,"command":".."}
 *
 * and one human line goes to stdout.  A non-zero exit status of the command is a
 * valid measurement (zvmc check exits 1 when it finds errors): it is recorded,
 * and measure still exits 0.  measure exits 2 on a usage error, 3 when the
 * command cannot be executed or is killed by a signal (the JSON line is still
 * written, with "signal" set or exit_status 127).
 */
#define _DEFAULT_SOURCE 1 /* wait4() under -D_POSIX_C_SOURCE with glibc and musl */
#define _DARWIN_C_SOURCE 1
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_RUNS 1000

struct run {
	double wall, cpu;
	long rss_kb;
	int status; /* raw wait status */
};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Run argv once.  Returns -1 when it could not be started, with errno set. */
static int run_once(char **argv, int keep, struct run *r)
{
	int pfd[2], err = 0;
	if (pipe(pfd) != 0)
		return -1;
	fcntl(pfd[1], F_SETFD, FD_CLOEXEC); /* closes on a successful exec */

	double t0 = now();
	pid_t pid = fork();
	if (pid < 0) {
		close(pfd[0]);
		close(pfd[1]);
		return -1;
	}
	if (pid == 0) {
		close(pfd[0]);
		if (!keep) {
			int fd = open("/dev/null", O_RDWR);
			if (fd >= 0) {
				dup2(fd, 1);
				dup2(fd, 2);
				if (fd > 2)
					close(fd);
			}
		}
		execvp(argv[0], argv);
		err = errno;
		if (write(pfd[1], &err, sizeof err) < 0)
			err = 0;
		_exit(127);
	}
	close(pfd[1]);

	struct rusage ru;
	int status;
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR)
			return -1;
	r->wall = now() - t0;
	ssize_t got = read(pfd[0], &err, sizeof err);
	close(pfd[0]);
	if (got == (ssize_t)sizeof err) {
		errno = err;
		return -1;
	}
	r->cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
		 (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
#ifdef __APPLE__
	r->rss_kb = ru.ru_maxrss / 1024; /* bytes there, kilobytes on Linux and the BSDs */
#else
	r->rss_kb = ru.ru_maxrss;
#endif
	r->status = status;
	return 0;
}

static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void usage(void)
{
	fprintf(stderr, "usage: measure [-r RUNS] [-w WARMUP] [-k] OUT.json LABEL -- COMMAND [ARG]...\n");
	exit(2);
}

static int count(const char *s, int lo, int hi)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (end == s || *end || v < lo || v > hi)
		usage();
	return (int)v;
}

int main(int argc, char **argv)
{
	int runs = 5, warmup = 1, keep = 0, i = 1;

	for (; i < argc && argv[i][0] == '-' && strcmp(argv[i], "--"); i++) {
		if (!strcmp(argv[i], "-k"))
			keep = 1;
		else if (!strcmp(argv[i], "-r") && i + 1 < argc)
			runs = count(argv[++i], 1, MAX_RUNS);
		else if (!strcmp(argv[i], "-w") && i + 1 < argc)
			warmup = count(argv[++i], 0, MAX_RUNS);
		else
			usage();
	}
	if (argc - i < 4 || strcmp(argv[i + 2], "--"))
		usage();
	const char *out = argv[i], *label = argv[i + 1];
	char **cmd = argv + i + 3;

	static double wall[MAX_RUNS], cpu[MAX_RUNS];
	int failed = 0, sig = 0, exit_status = 0, consistent = 1;
	long max_rss = 0;
	double lo = 0, hi = 0;

	for (int n = -warmup; n < runs; n++) {
		struct run one;
		if (run_once(cmd, keep, &one) != 0) {
			fprintf(stderr, "measure: %s: %s\n", cmd[0], strerror(errno));
			failed = 1;
			exit_status = 127;
			runs = 0;
			break;
		}
		if (n < 0)
			continue;
		wall[n] = one.wall;
		cpu[n] = one.cpu;
		if (one.rss_kb > max_rss)
			max_rss = one.rss_kb;
		int st = WIFEXITED(one.status) ? WEXITSTATUS(one.status) : 128 + WTERMSIG(one.status);
		if (WIFSIGNALED(one.status))
			sig = WTERMSIG(one.status);
		if (n > 0 && st != exit_status)
			consistent = 0;
		exit_status = st;
		if (n == 0 || one.wall < lo)
			lo = one.wall;
		if (n == 0 || one.wall > hi)
			hi = one.wall;
	}
	double med = runs ? median(wall, runs) : 0, medcpu = runs ? median(cpu, runs) : 0;

	FILE *f = fopen(out, "a");
	if (!f) {
		fprintf(stderr, "measure: %s: %s\n", out, strerror(errno));
		return 2;
	}
	fputs("{\"label\":", f);
	json_string(f, label);
	fprintf(f,
		",\"runs\":%d,\"median_s\":%.6f,\"min_s\":%.6f,\"max_s\":%.6f,\"median_cpu_s\":%.6f,"
		"\"max_rss_kb\":%ld,\"exit_status\":%d,\"exit_consistent\":%s,\"signal\":%d,\"command\":",
		runs, med, lo, hi, medcpu, max_rss, exit_status, consistent ? "true" : "false", sig);
	char buf[4096];
	size_t len = 0;
	buf[0] = '\0';
	for (char **a = cmd; *a && len < sizeof buf - 1; a++) {
		int w = snprintf(buf + len, sizeof buf - len, "%s%s", a == cmd ? "" : " ", *a);
		if (w < 0)
			break;
		len += (size_t)w;
	}
	if (len >= sizeof buf)
		len = sizeof buf - 1;
	buf[len] = '\0';
	json_string(f, buf);
	fputs("}\n", f);
	if (fclose(f) != 0) {
		fprintf(stderr, "measure: %s: %s\n", out, strerror(errno));
		return 2;
	}

	printf("%-28s median %.4f s (min %.4f, max %.4f, cpu %.4f) over %d runs, peak RSS %ld KB, "
	       "exit %d%s%s\n",
	       label, med, lo, hi, medcpu, runs, max_rss, exit_status, consistent ? "" : " (varied)",
	       sig ? " (killed by a signal)" : "");
	return failed || sig ? 3 : 0;
}
