// Demo data: two Norwegian workshops with bookings and conversations, for trying the inbox and the API.
// Times are relative to when the seed runs ("hoursAgo"), so the demo always looks current.

export interface DemoMessage {
  from: "customer" | "workshop" | "system";
  hoursAgo: number;
  body: string;
  /** A PDF made from these lines, attached under this name. */
  pdf?: { name: string; lines: string[] };
  /** An internal note of the workshop (never shown to the customer). */
  note?: boolean;
}

export interface DemoThread {
  customer: { name: string; email: string; phone: string };
  vehicle: { registrationNumber: string; make: string; model: string };
  service: string;
  /** Hours from now; negative for the past. */
  scheduledInHours: number;
  status: "PENDING" | "CONFIRMED" | "IN_PROGRESS" | "READY_FOR_PICKUP" | "COMPLETED" | "CANCELLED";
  messages: DemoMessage[];
  /** Whether the workshop has read the customer's last messages. */
  read: boolean;
  /** Where the thread stands (default open). */
  state?: "waiting" | "done";
  /** Who handles it: an index into the workshop's staff. */
  assignee?: number;
  /** The customer's earlier bookings (done, no messages), shown beside the thread. */
  earlier?: { service: string; daysAgo: number }[];
}

export interface DemoWorkshop {
  slug: string;
  name: string;
  /** Shown to customers on their page. */
  phone: string;
  referencePrefix: string;
  staff: { email: string; name: string; role: "OWNER" | "STAFF" }[];
  threads: DemoThread[];
}

const c = (name: string, phone: string) => ({
  name,
  email: `${name
    .toLowerCase()
    .replaceAll("ø", "o")
    .replaceAll("å", "a")
    .replaceAll("æ", "ae")
    .replace(/[^a-z]+/g, ".")}@example.no`,
  phone,
});

export const DEMO_PASSWORD = "demo-passord";

export const DEMO_WORKSHOPS: DemoWorkshop[] = [
  {
    slug: "nordlys-bil",
    name: "Nordlys Bil",
    phone: "+47 22 33 44 55",
    referencePrefix: "NB",
    staff: [
      { email: "kari@nordlys-bil.no", name: "Kari Nordmann", role: "OWNER" },
      { email: "per@nordlys-bil.no", name: "Per Hansen", role: "STAFF" },
    ],
    threads: [
      {
        customer: c("Ingrid Johansen", "+47 912 34 567"),
        vehicle: { registrationNumber: "EV 12345", make: "Tesla", model: "Model Y" },
        service: "Dekkskift og hjullagring",
        scheduledInHours: 20,
        status: "CONFIRMED",
        read: false,
        assignee: 0,
        earlier: [
          { service: "EU-kontroll", daysAgo: 160 },
          { service: "Dekkskift og hjullagring", daysAgo: 220 },
        ],
        messages: [
          { from: "system", hoursAgo: 50, body: "Bestilling bekreftet: dekkskift og hjullagring." },
          { from: "customer", hoursAgo: 3, body: "Hei! Kan dere sjekke mønsterdybden på vinterdekkene når dere bytter? Tror de er slitt." },
          { from: "customer", hoursAgo: 2.5, body: "Og jeg kommer kanskje ti minutter for sent i morgen, er det greit?" },
          {
            from: "workshop",
            hoursAgo: 2,
            note: true,
            body: "@Per kan du måle mønsterdybden på vinterdekkene før hun kommer? Hun er fast kunde.",
          },
        ],
      },
      {
        customer: c("Ole Berg", "+47 934 56 789"),
        vehicle: { registrationNumber: "DN 45678", make: "Volkswagen", model: "Golf" },
        service: "EU-kontroll",
        scheduledInHours: -2,
        status: "IN_PROGRESS",
        read: false,
        messages: [
          {
            from: "workshop",
            hoursAgo: 1.5,
            body: "Hei Ole! Bilen har slark i venstre bærearm foran. Den må byttes for å bestå EU-kontrollen. Pris ca. 2 900 kr inkl. deler. Skal vi gjøre det? Tilbudet ligger ved.",
            pdf: {
              name: "tilbud-NB-24101.pdf",
              lines: [
                "Nordlys Bil - Tilbud NB-24101",
                "",
                "Kunde: Ole Berg",
                "Kjoretoy: DN 45678, Volkswagen Golf",
                "",
                "Bytte av baerearm foran venstre",
                "Deler: 1 650 kr",
                "Arbeid: 1 250 kr",
                "Sum inkl. mva: 2 900 kr",
              ],
            },
          },
          { from: "customer", hoursAgo: 0.7, body: "Ja, bare gjør det. Blir den ferdig i dag?" },
        ],
      },
      {
        customer: c("Marte Lie", "+47 945 67 890"),
        vehicle: { registrationNumber: "EL 98765", make: "Hyundai", model: "Kona Electric" },
        service: "Service 30 000 km",
        scheduledInHours: -26,
        status: "READY_FOR_PICKUP",
        read: true,
        state: "waiting",
        assignee: 1,
        messages: [
          { from: "workshop", hoursAgo: 6, body: "Bilen din er klar til henting. Vi er åpne til kl. 17." },
          { from: "customer", hoursAgo: 5, body: "Tusen takk! Jeg kommer rundt halv fem." },
          { from: "workshop", hoursAgo: 4.8, body: "Flott, nøkkelen ligger i resepsjonen." },
        ],
      },
      {
        customer: c("Lars Nilsen", "+47 956 78 901"),
        vehicle: { registrationNumber: "BR 23456", make: "Toyota", model: "RAV4 Hybrid" },
        service: "Bremseskift foran",
        scheduledInHours: 48,
        status: "CONFIRMED",
        read: false,
        messages: [{ from: "customer", hoursAgo: 8, body: "Det hviner fra bremsene når jeg rygger. Er det noe dere ser på samtidig?" }],
      },
      {
        customer: c("Sofie Andersen", "+47 967 89 012"),
        vehicle: { registrationNumber: "KH 34567", make: "Volvo", model: "XC60" },
        service: "Bytte av registerreim",
        scheduledInHours: 72,
        status: "PENDING",
        read: true,
        state: "waiting",
        messages: [
          { from: "customer", hoursAgo: 30, body: "Hei, hva koster det å bytte registerreim på en XC60 2017 diesel?" },
          {
            from: "workshop",
            hoursAgo: 28,
            body: "Hei Sofie! Det ligger på rundt 8 500 kr med vannpumpe. Vi har satt av tid på torsdag kl. 08.",
          },
        ],
      },
      {
        customer: c("Henrik Larsen", "+47 978 90 123"),
        vehicle: { registrationNumber: "SU 45678", make: "Skoda", model: "Octavia" },
        service: "Feilsøking motorlampe",
        scheduledInHours: -50,
        status: "COMPLETED",
        read: true,
        state: "done",
        assignee: 0,
        messages: [
          { from: "workshop", hoursAgo: 52, body: "Feilkoden var en defekt lambdasonde. Den er byttet, og motorlampen er slukket." },
          { from: "customer", hoursAgo: 51, body: "Supert, takk for rask hjelp!" },
        ],
      },
      {
        customer: c("Nora Pedersen", "+47 989 01 234"),
        vehicle: { registrationNumber: "EK 56789", make: "Nissan", model: "Leaf" },
        service: "Batteritest og kontroll",
        scheduledInHours: 30,
        status: "CONFIRMED",
        read: false,
        messages: [
          {
            from: "customer",
            hoursAgo: 12,
            body: "Rekkevidden har falt mye i kulden. Kan dere ta en batteritest og si hva helsetilstanden er?",
          },
        ],
      },
      {
        customer: c("Jonas Kristiansen", "+47 990 12 345"),
        vehicle: { registrationNumber: "VH 67890", make: "Ford", model: "Transit Custom" },
        service: "Service og oljeskift",
        scheduledInHours: 5,
        status: "CONFIRMED",
        read: true,
        messages: [
          { from: "customer", hoursAgo: 20, body: "Kan jeg få leiebil mens varebilen står inne? Trenger den til jobb." },
          { from: "workshop", hoursAgo: 19, body: "Vi har en ledig Caddy du kan låne gratis. Den står klar når du leverer." },
        ],
      },
      {
        customer: c("Emma Karlsen", "+47 901 23 456"),
        vehicle: { registrationNumber: "EB 78901", make: "BMW", model: "iX3" },
        service: "Skifte vindusviskere og spylervæske",
        scheduledInHours: -70,
        status: "COMPLETED",
        read: true,
        messages: [{ from: "workshop", hoursAgo: 70, body: "Alt er gjort, takk for besøket!" }],
      },
      {
        customer: c("Mathias Olsen", "+47 912 34 678"),
        vehicle: { registrationNumber: "ZT 89012", make: "Audi", model: "A4 Avant" },
        service: "Understellsbehandling",
        scheduledInHours: 100,
        status: "CONFIRMED",
        read: false,
        messages: [{ from: "customer", hoursAgo: 26, body: "Hvor lenge må bilen stå etter understellsbehandling før jeg kan kjøre den?" }],
      },
      {
        customer: c("Ida Halvorsen", "+47 923 45 789"),
        vehicle: { registrationNumber: "EC 90123", make: "Polestar", model: "2" },
        service: "Reparasjon av steinsprut i frontrute",
        scheduledInHours: -1,
        status: "IN_PROGRESS",
        read: true,
        messages: [
          { from: "customer", hoursAgo: 4, body: "Steinspruten er rett foran sjåføren. Kan den repareres, eller må ruta byttes?" },
          { from: "workshop", hoursAgo: 3.5, body: "Den er innenfor det vi kan reparere, så du slipper ny rute. Det tar ca. 30 minutter." },
        ],
      },
      {
        customer: c("Erik Jensen", "+47 934 56 890"),
        vehicle: { registrationNumber: "LJ 11223", make: "Mercedes-Benz", model: "C 220" },
        service: "Klimaanlegg service",
        scheduledInHours: 150,
        status: "CANCELLED",
        read: true,
        messages: [
          { from: "customer", hoursAgo: 40, body: "Jeg må dessverre avbestille timen, bilen er solgt." },
          { from: "workshop", hoursAgo: 39, body: "Helt i orden, timen er avbestilt. Lykke til med ny bil!" },
        ],
      },
      {
        customer: c("Thea Moen", "+47 945 67 901"),
        vehicle: { registrationNumber: "EV 33445", make: "Kia", model: "EV6" },
        service: "Hjulstilling",
        scheduledInHours: 44,
        status: "CONFIRMED",
        read: false,
        messages: [
          { from: "customer", hoursAgo: 0.3, body: "Bilen trekker til høyre etter at jeg traff en kant. Håper hjulstillingen fikser det!" },
        ],
      },
    ],
  },
  {
    slug: "fjord-auto",
    name: "Fjord Auto",
    phone: "+47 55 66 77 88",
    referencePrefix: "FA",
    staff: [
      { email: "ola@fjord-auto.no", name: "Ola Fjeld", role: "OWNER" },
      { email: "silje@fjord-auto.no", name: "Silje Dahl", role: "STAFF" },
    ],
    threads: [
      ["Kristian Haugen", "RF 10001", "Volvo", "V90", "EU-kontroll", "Hei, står det noe på meg i dag? Fikk ikke SMS."],
      ["Maria Eriksen", "RF 10002", "Tesla", "Model 3", "Dekkskift", "Kan dere også vaske felgene? Betaler gjerne ekstra."],
      ["Anders Bakke", "RF 10003", "Toyota", "Corolla", "Service 60 000 km", "Hvor mye koster service med bremsevæske?"],
      ["Hanne Solberg", "RF 10004", "Peugeot", "e-208", "Feilsøking lading", "Bilen vil ikke lade på hurtiglader lenger."],
      ["Sindre Strand", "RF 10005", "Mazda", "CX-5", "Bytte av bremseskiver bak", "Fikk dere bestilt delene?"],
      ["Julie Vik", "RF 10006", "Volkswagen", "ID.3", "Programvareoppdatering", "Tar oppdateringen lang tid? Trenger bilen til middag."],
      ["Magnus Lund", "RF 10007", "Subaru", "Outback", "Montering av hengerfeste", "Hvilken type hengerfeste anbefaler dere?"],
      ["Camilla Moe", "RF 10008", "Renault", "Zoe", "Bytte av 12V-batteri", "Bilen døde helt i morges, kan dere hente den?"],
      ["Fredrik Aas", "RF 10009", "Opel", "Astra", "Eksosanlegg", "Det dundrer fra eksosen, tror potta har røket."],
      ["Ragnhild Berntsen", "RF 10010", "Hyundai", "Ioniq 5", "Dekkhotell", "Kan jeg hente sommerdekkene på lørdag?"],
      ["Tobias Ruud", "RF 10011", "Ford", "Kuga", "Service og oljeskift", "Takk for sist! Motorlampen lyser igjen dessverre."],
      ["Vilde Hagen", "RF 10012", "Skoda", "Enyaq", "Kontroll av støtdemper", "Det klonker når jeg kjører over fartsdumper."],
      ["Eirik Sandvik", "RF 10013", "BMW", "320d", "Bytte av clutch", "Hvor lenge blir bilen stående?"],
    ].map(([name, registrationNumber, make, model, service, question], index): DemoThread => ({
      customer: c(name!, `+47 48${String(index).padStart(2, "0")} 12 34`),
      vehicle: { registrationNumber: registrationNumber!, make: make!, model: model! },
      service: service!,
      scheduledInHours: 12 + index * 9,
      status: index % 4 === 3 ? "IN_PROGRESS" : "CONFIRMED",
      read: index % 3 === 0,
      messages: [
        { from: "customer", hoursAgo: 30 - index * 2, body: question! },
        ...(index % 2 === 0
          ? [
              {
                from: "workshop" as const,
                hoursAgo: 29 - index * 2,
                body: "Takk for beskjed! Vi ser på det og kommer tilbake til deg i løpet av dagen.",
              },
            ]
          : []),
      ],
    })),
  },
];
