/**
 * The sample research of the sample associates: a fixed list of topics, each
 * with its title, abstract and themes, and the rule that picks one per associate.
 */

export interface ResearchTopic {
  title: (country: string) => string;
  abstract: (country: string) => string;
  themes: string[];
}

/** Research topics of global importance to Customs; every text names the associate's country. */
const RESEARCH_TOPICS: ResearchTopic[] = [
  {
    title: (c) => `Cross-border e-commerce and small consignments: a clearance model for ${c}`,
    abstract: (c) =>
      `This research examines how the growth of low-value shipments from cross-border e-commerce affects revenue collection and border controls in ${c}. ` +
      'It reviews the WCO Cross-Border E-Commerce Framework of Standards and proposes advance electronic data, risk-based clearance and simplified procedures for small consignments.',
    themes: ['e-commerce', 'small consignments', 'risk management'],
  },
  {
    title: (c) => `Coordinated border management at land crossings: options for ${c}`,
    abstract: (c) =>
      `The study maps the agencies present at the main border crossings of ${c} and the duplication of controls between them. ` +
      'It recommends joint inspections, shared risk information and a lead-agency model drawn from WCO guidance on coordinated border management.',
    themes: ['coordinated border management', 'trade facilitation'],
  },
  {
    title: (c) => `Authorized Economic Operator programmes and mutual recognition: a roadmap for ${c}`,
    abstract: (c) =>
      `This paper assesses the Authorized Economic Operator programme of ${c} against the SAFE Framework of Standards. ` +
      'It identifies the steps towards mutual recognition arrangements with major trading partners and the benefits that would make the programme attractive to traders.',
    themes: ['aeo', 'mutual recognition', 'safe framework'],
  },
  {
    title: (c) => `Risk management and selectivity in cargo targeting: strengthening the approach in ${c}`,
    abstract: (c) =>
      `The research analyses how consignments are selected for physical inspection in ${c} and measures the hit rates of the current selectivity criteria. ` +
      'It proposes a complete risk management cycle, with feedback from inspection results and a central targeting function.',
    themes: ['risk management', 'targeting'],
  },
  {
    title: (c) => `Consistent tariff classification under the Harmonized System: advance rulings in ${c}`,
    abstract: (c) =>
      `This study reviews classification disputes and their causes in ${c}, with attention to the implementation of the latest HS amendments. ` +
      'It argues for an advance ruling system, the publication of classification decisions and training based on WCO classification opinions.',
    themes: ['harmonized system', 'classification', 'advance rulings'],
  },
  {
    title: (c) => `Customs valuation and transfer pricing: related-party transactions in ${c}`,
    abstract: (c) =>
      `The research examines how the Customs administration of ${c} verifies prices between related parties under the WTO Valuation Agreement. ` +
      'Drawing on the WCO Guide to Customs Valuation and Transfer Pricing, it proposes cooperation with the tax authority and the use of transfer pricing documentation.',
    themes: ['customs valuation', 'transfer pricing'],
  },
  {
    title: (c) => `Preferential rules of origin and the verification of origin: practice in ${c}`,
    abstract: (c) =>
      `This paper studies how preferential origin is claimed and verified for goods traded by ${c} under its trade agreements. ` +
      'It recommends risk-based verification, electronic certificates of origin and guidance for traders on origin self-certification.',
    themes: ['rules of origin', 'free trade agreements'],
  },
  {
    title: (c) => `Measuring clearance times: a Time Release Study for ${c}`,
    abstract: (c) =>
      `Using the WCO Time Release Study methodology, this research measures the time between the arrival of goods and their release at a main port of entry of ${c}. ` +
      'It identifies the stages where delays accumulate and sets out measures that would reduce average release times.',
    themes: ['time release study', 'trade facilitation', 'performance measurement'],
  },
  {
    title: (c) => `Towards a national single window: governance and data harmonization in ${c}`,
    abstract: (c) =>
      `The study reviews the electronic exchanges between Customs and the other border agencies of ${c}. ` +
      'It proposes a governance structure and a phased plan for a single window based on the WCO Data Model.',
    themes: ['single window', 'data model'],
  },
  {
    title: (c) => `Revenue leakage through undervaluation and misdeclaration: evidence from ${c}`,
    abstract: (c) =>
      `This research uses mirror trade statistics to estimate the revenue gap caused by undervaluation and misdeclaration of goods imported into ${c}. ` +
      'It identifies the most affected tariff lines and recommends targeted controls and post-clearance verification.',
    themes: ['revenue', 'mirror analysis'],
  },
  {
    title: (c) => `Integrity in Customs: applying the Revised Arusha Declaration in ${c}`,
    abstract: (c) =>
      `The paper assesses the integrity framework of the Customs administration of ${c} against the ten factors of the Revised Arusha Declaration. ` +
      'It recommends automation to reduce discretion, a code of conduct with clear sanctions and a regular integrity self-assessment.',
    themes: ['integrity', 'anti-corruption'],
  },
  {
    title: (c) => `Data analytics for Customs control: putting declaration data to work in ${c}`,
    abstract: (c) =>
      `This research explores how the declaration data held by the Customs administration of ${c} could support analytics for risk detection and revenue forecasting. ` +
      'It sets out the data quality, skills and governance needed and proposes a first set of analytical use cases.',
    themes: ['data analytics', 'risk management'],
  },
  {
    title: (c) => `Gender equality and diversity in Customs: an organizational assessment for ${c}`,
    abstract: (c) =>
      `Using the WCO Gender Equality Organizational Assessment Tool, this study reviews recruitment, promotion and working conditions in the Customs administration of ${c}. ` +
      'It proposes measures to improve gender balance at management level and at the border.',
    themes: ['gender equality', 'diversity', 'human resources'],
  },
  {
    title: (c) => `Green Customs: detecting environmental crime at the borders of ${c}`,
    abstract: (c) =>
      `The research examines trafficking in protected wildlife, ozone-depleting substances and hazardous waste through ${c}. ` +
      'It recommends risk indicators, cooperation with environmental agencies and participation in WCO enforcement operations.',
    themes: ['environmental crime', 'green customs', 'enforcement'],
  },
  {
    title: (c) => `Post-clearance audit as a tool for facilitation and compliance in ${c}`,
    abstract: (c) =>
      `This study evaluates the post-clearance audit function of ${c} and its link with risk management at the border. ` +
      'It proposes audit selection based on compliance risk and a shift of controls from clearance to audit, so that compliant traders obtain faster release.',
    themes: ['post-clearance audit', 'compliance'],
  },
  {
    title: (c) => `Sustaining Customs modernization: a capacity-building strategy for ${c}`,
    abstract: (c) =>
      `The paper reviews the technical assistance delivered to ${c} and the reasons some reforms were not sustained. ` +
      'Following the approach of the WCO Mercator Programme, it proposes a reform plan with national ownership, performance indicators and a network of national trainers.',
    themes: ['capacity building', 'customs modernization'],
  },
];

/**
 * The topic of the `index`-th associate of a cohort; `cohortOffset` is the
 * stable hash of the cohort's label. Consecutive topics within a cohort,
 * starting at a place fixed by its label: no topic repeats in a cohort.
 */
export function sampleResearchTopic(cohortOffset: number, index: number): ResearchTopic {
  return RESEARCH_TOPICS[(cohortOffset + index) % RESEARCH_TOPICS.length];
}
