/*
 * floor.c - the FastCGI floor: the least a FastCGI program can do per
 * request (accept, write a fixed small response, finish), with the same
 * libfcgi calls (fcgiapp.h) and the same shape as the xueshi programs: a
 * master that opens a unix socket and preforks workers that all accept on
 * it. The benchmark serves it from the same nginx as xueshi, so the
 * difference is what xueshi itself costs.
 *
 *   floor SOCKET-PATH [WORKERS]      (default 1 worker)
 *
 * SIGTERM or SIGINT to the master stops the workers and removes the socket.
 * LIBFCGI_OS_CLOSE_POLL_TIMEOUT is left as the caller set it: the benchmark
 * runs the floor with it at 0 and without it.
 */
#include <fcgiapp.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_WORKERS 64

static volatile sig_atomic_t stop_requested;

static void
on_stop(int sig)
{
	(void)sig;
	stop_requested = 1;
}

static int
serve(int sock)
{
	static const char reply[] = "Status: 200 OK\r\nContent-Type: text/plain\r\n"
	    "Content-Length: 2\r\n\r\nok";
	FCGX_Request rq;

	if (FCGX_InitRequest(&rq, sock, 0) != 0)
		return 1;
	while (FCGX_Accept_r(&rq) >= 0) {
		FCGX_PutStr(reply, (int)sizeof(reply) - 1, rq.out);
		FCGX_Finish_r(&rq);
	}
	FCGX_Free(&rq, 1);
	return 0;
}

int
main(int argc, char **argv)
{
	pid_t pids[MAX_WORKERS];
	struct sigaction sa;
	int sock, nworkers = 1;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: floor SOCKET-PATH [WORKERS]\n");
		return 2;
	}
	if (argc == 3) {
		nworkers = atoi(argv[2]);
		if (nworkers < 1 || nworkers > MAX_WORKERS) {
			fprintf(stderr, "floor: WORKERS is 1 to %d\n", MAX_WORKERS);
			return 2;
		}
	}
	if (FCGX_Init() != 0)
		return 1;
	unlink(argv[1]);
	sock = FCGX_OpenSocket(argv[1], 128);
	if (sock < 0) {
		fprintf(stderr, "floor: cannot listen on %s\n", argv[1]);
		return 1;
	}
	chmod(argv[1], 0660);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	for (int i = 0; i < nworkers; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			signal(SIGTERM, SIG_DFL);
			signal(SIGINT, SIG_IGN);
			_exit(serve(sock));
		}
		if (pids[i] < 0) {
			fprintf(stderr, "floor: fork: %s\n", strerror(errno));
			stop_requested = 1;
			nworkers = i;
			break;
		}
	}
	while (!stop_requested) {
		pid_t dead = wait(NULL);
		if (dead < 0 && errno != EINTR)
			break; /* every worker is gone */
	}
	for (int i = 0; i < nworkers; i++)
		kill(pids[i], SIGTERM);
	for (int i = 0; i < nworkers; i++)
		waitpid(pids[i], NULL, 0);
	close(sock);
	unlink(argv[1]);
	return 0;
}
