import type { PrismaClient } from "@minbil/db/client";

/**
 * Fills a workshop with `threads` bookings (a customer, a booking and a thread each) of `perThread`
 * messages, with set-based SQL, and brings the thread summaries in step: the data set every benchmark
 * measures on. A quarter of the threads have one unread message; activity times are spread, so the
 * inbox order is not the insertion order.
 */
export async function fillWorkshop(db: PrismaClient, workshopId: string, threads: number, perThread: number): Promise<void> {
  await db.$executeRaw`INSERT INTO customers (workshop_id, name) SELECT ${workshopId}, 'Kunde ' || g FROM generate_series(1, ${threads}) g`;
  await db.$executeRaw`
    INSERT INTO bookings (workshop_id, customer_id, reference, status, service, scheduled_at, vehicle_registration, updated_at)
    SELECT workshop_id, id, 'B-' || id, (ARRAY['CONFIRMED','IN_PROGRESS','COMPLETED']::"BookingStatus"[])[1 + id % 3], 'Service', now(), 'EV ' || (10000 + id), now()
    FROM customers WHERE workshop_id = ${workshopId} AND NOT EXISTS (SELECT 1 FROM bookings x WHERE x.customer_id = customers.id)`;
  await db.$executeRaw`
    INSERT INTO threads (booking_id, workshop_id, last_activity_at, search_text)
    SELECT b.id, b.workshop_id, now(), lower(c.name) || ' | ' || lower(b.reference) || ' | ' || lower(b.vehicle_registration)
    FROM bookings b JOIN customers c ON c.id = b.customer_id WHERE b.workshop_id = ${workshopId}
    ON CONFLICT (booking_id) DO NOTHING`;
  await db.$executeRaw`
    INSERT INTO messages (booking_id, workshop_id, seq, sender_type, sender_name, body, search_body, created_at)
    SELECT t.booking_id, t.workshop_id, s, CASE WHEN s % 2 = 0 THEN 'CUSTOMER'::"SenderType" ELSE 'WORKSHOP'::"SenderType" END, 'Navn',
           'Melding nummer ' || s || ' om bilen', 'melding nummer ' || s || ' om bilen', now() - ((t.booking_id * 37 % 100000) || ' minutes')::interval + (s || ' seconds')::interval
    FROM threads t, generate_series(1, ${perThread}) s WHERE t.workshop_id = ${workshopId}`;
  await db.$executeRaw`
    UPDATE threads t SET message_count = m.n, last_message_id = m.last_id, last_activity_at = m.last_at,
           customer_message_count = m.customer_n,
           unread_count = CASE WHEN t.booking_id % 4 = 0 THEN 1 ELSE 0 END
    FROM (SELECT booking_id, count(*)::int AS n, count(*) FILTER (WHERE sender_type = 'CUSTOMER')::int AS customer_n,
                 max(id) AS last_id, max(created_at) AS last_at
          FROM messages WHERE workshop_id = ${workshopId} GROUP BY booking_id) m
    WHERE m.booking_id = t.booking_id AND t.workshop_id = ${workshopId}`;
  await db.$executeRawUnsafe("ANALYZE");
}
