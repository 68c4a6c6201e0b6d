import { z } from 'zod';

// zod 4 probes `new Function` to compile fast validators; an extension page's CSP
// forbids that (and logs a violation on every probe). Every module builds its
// schemas with this `z`, so the setting is in force before the first schema exists.
z.config({ jitless: true });

export { z };
