import { messagingTablesMigration } from '@cs/messaging';
import { Tickets1764000000000 } from './1764000000000-tickets';
import { TicketContacts1764100000000 } from './1764100000000-ticket-contacts';
import { Catalogue1764200000000 } from './1764200000000-catalogue';

/** In order of application; never edit one that has shipped, add a new one. */
export const MIGRATIONS = [messagingTablesMigration(1763900000000), Tickets1764000000000, TicketContacts1764100000000, Catalogue1764200000000];
