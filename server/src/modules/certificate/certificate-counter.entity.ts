import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last number handed out per sequence: certificate serials per ceremony
 * year ("serial:2027") and status-list positions ("status-list"). A row is
 * updated inside the issuing transaction, so a rolled-back issue leaves no
 * gap, and on PostgreSQL the row lock orders concurrent issues.
 */
@Entity('certificate_counter')
export class CertificateCounter {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  name: string;

  @Column({ type: 'int' })
  lastValue: number;
}
