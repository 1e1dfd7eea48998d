/*
 * floor.c - the FastCGI floor: the least a FastCGI program can do per
 * request (accept, write a fixed small response, finish), with the same
 * libfcgi calls the xueshi programs use. The benchmark serves it from the
 * same nginx as xueshi, so the difference is what xueshi itself costs.
 *
 *   floor SOCKET-PATH
 */
#include <fcgiapp.h>

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	static const char reply[] = "Status: 200 OK\r\nContent-Type: text/plain\r\n"
	    "Content-Length: 2\r\n\r\nok";
	FCGX_Request rq;
	int sock;

	if (argc != 2) {
		fprintf(stderr, "usage: floor SOCKET-PATH\n");
		return 2;
	}
	FCGX_Init();
	unlink(argv[1]);
	sock = FCGX_OpenSocket(argv[1], 128);
	if (sock < 0)
		return 1;
	chmod(argv[1], 0660);
	FCGX_InitRequest(&rq, sock, 0);
	while (FCGX_Accept_r(&rq) >= 0) {
		FCGX_PutStr(reply, (int)sizeof(reply) - 1, rq.out);
		FCGX_Finish_r(&rq);
	}
	return 0;
}
