export type Severity = 'error' | 'warn' | 'info'

/** One finding, exactly the shape of interfaces.md "Title report". */
export interface TitleIssue {
  rule: string
  severity: Severity
  match?: string
  message: string
  suggestion?: string
}

export interface TitleReport {
  title: string
  length: number
  limit: 20
  score: number
  issues: TitleIssue[]
  suggestions: string[]
}

export interface CheckOptions {
  keywords?: string[]
}
