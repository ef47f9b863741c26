import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { ResearchProject } from './research-project.entity';

/** One theme of a research project; a table of its own so themes can be filtered and counted. */
@Entity('research_theme')
export class ResearchTheme {
  @PrimaryColumn({ type: 'uuid' })
  researchProjectId: string;

  @PrimaryColumn({ type: 'varchar', length: 80 })
  @Index()
  theme: string;

  @Column({ type: 'integer' })
  position: number;

  @ManyToOne(() => ResearchProject, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'researchProjectId' })
  researchProject?: Relation<ResearchProject>;
}
