import type { FastifyReply } from 'fastify';

/** The appliance's answer to any path it does not serve (spec §1.1, quirk 18). */
export const NOT_FOUND_PAGE = `<!DOCTYPE html>
<html>
<head>
<meta charset="UTF-8">
<title>Document Not Found</title>
</head>
<body>
<h1>Document Not Found</h1>
<p>The requested document was not found on this server.</p>
</body>
</html>
`;

export function sendNotFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).type('text/html; charset=UTF-8').send(NOT_FOUND_PAGE);
}
