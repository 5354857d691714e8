// The generated Prisma client and its types, under one stable import path for the other packages.
export { PrismaClient, Prisma } from "./generated/prisma/client";
export type * from "./generated/prisma/client";
export { BookingStatus, SenderType, UserRole } from "./generated/prisma/enums";
