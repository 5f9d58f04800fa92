import { consumerAttemptIndexesMigration, consumerAttemptsMigration, consumerStartsMigration, messagingTablesMigration } from '@cs/messaging';
import { idempotencyAnswersMigration, idempotencyCommitsMigration } from '@cs/platform';
import { ContactsAndCustomers1764000000000 } from './1764000000000-contacts-and-customers';
import { CatalogueVersion1764200000000 } from './1764200000000-catalogue-version';
import { ProjectScopedRegistry1764300000000 } from './1764300000000-project-scoped-registry';
import { PendingMatters1764400000000 } from './1764400000000-pending-matters';
import { AgentDesk1764515000000 } from './1764515000000-agent-desk';
import { Birthdays1764600000000 } from './1764600000000-birthdays';
import { MergedTickets1764750000000 } from './1764750000000-merged-tickets';
import { KnownTicketsBySurvivor1766400000000 } from './1766400000000-known-tickets-by-survivor';
import { PlainAttachments1766420000000 } from './1766420000000-plain-attachments';
import { SealedAttachments1766410000000 } from './1766410000000-sealed-attachments';
import { MergeLookups1766430000000 } from './1766430000000-merge-lookups';
import { KeyRingReplicas1766800000000 } from './1766800000000-key-ring-replicas';

/** In order of application; never edit one that has shipped, add a new one. */
export const MIGRATIONS = [messagingTablesMigration(1763900000000), ContactsAndCustomers1764000000000, CatalogueVersion1764200000000, ProjectScopedRegistry1764300000000, PendingMatters1764400000000, AgentDesk1764515000000, Birthdays1764600000000, MergedTickets1764750000000, idempotencyCommitsMigration(1765900000000), KnownTicketsBySurvivor1766400000000, SealedAttachments1766410000000, PlainAttachments1766420000000, MergeLookups1766430000000, consumerAttemptsMigration(1766700000000), KeyRingReplicas1766800000000, idempotencyAnswersMigration(1766900000000), consumerAttemptIndexesMigration(1766940000000), consumerStartsMigration(1766960000000)];
