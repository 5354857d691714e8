#!/bin/sh
# Stand-in for Prisma's schema-engine binary, which cannot be downloaded on our machines.
# `prisma generate` only needs the path to exist; anything that would run the engine lands here.
echo "The Prisma CLI's schema engine is not installed here. Use 'pnpm db:migrate' to apply migrations and 'pnpm db:migration:create <name>' to create one (they run Prisma's schema engine as WebAssembly)." >&2
exit 1
