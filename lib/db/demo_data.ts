/**
 * The demo data: tenant Acme with the "Redis Caching Implementation" dashboard, and Globex
 * with a project of its own.
 *
 * @module
 */
import type { Health, Level, MetricGroup, Role, TaskStatus } from "../model/types.ts";

/** The password of every demo user. */
export const DEMO_PASSWORD = "beacon-demo";

interface DemoUser {
  email: string;
  name: string;
  phone: string | null;
  role: Role;
}

interface DemoMetric {
  group: MetricGroup;
  name: string;
  baseline?: string;
  current: string;
  target: string;
  health: Health;
  label?: string;
}

interface DemoProject {
  name: string;
  description: string;
  status: string;
  health: Health;
  owner: string;
  updatedAt: string;
  phases: { name: string; timeframe: string; tasks: [string, string, TaskStatus][] }[];
  team: [member: string, status: Health, label: string, task: string, progress: number][];
  metrics: DemoMetric[];
  risks: [title: string, impact: Level, probability: Level, mitigation: string, owner: string][];
  milestones: { title: string; items: string[] }[];
  log: [at: string, text: string][];
}

/** A demo tenant with its people and projects. */
export interface DemoTenant {
  name: string;
  slug: string;
  users: DemoUser[];
  projects: DemoProject[];
}

const done = "done" as const;
const todo = "todo" as const;

const redisCaching: DemoProject = {
  name: "Redis Caching Implementation",
  description:
    "Six-week rollout of a Redis-backed cache: user context caching, ETags, invalidation " +
    "over WebSockets and a consolidated front end.",
  status: "Active Development",
  health: "green",
  owner: "Orchestrator",
  updatedAt: "2025-07-31T17:30:00Z",
  phases: [
    {
      name: "Foundation",
      timeframe: "Week 1",
      tasks: [
        ["Redis Docker configuration", "Created, awaiting DevSecOps deployment", done],
        ["Monitoring infrastructure setup", "Created, awaiting DevSecOps deployment", done],
        ["Cache schema design", "pgvector-data-architect", done],
        ["Feature flags implementation", "nextjs-ui-architect", done],
        ["Performance baseline measurement", "qa-playwright-tester", done],
      ],
    },
    {
      name: "Backend Quick Wins",
      timeframe: "Weeks 2-3",
      tasks: [
        ["User context caching", "python-crewai-fastapi-expert", done],
        ["ETag support implementation", "python-crewai-fastapi-expert", done],
        ["Cache invalidation service", "python-crewai-fastapi-expert", done],
        ["WebSocket integration", "python-crewai-fastapi-expert", done],
        ["Circuit breaker patterns", "python-crewai-fastapi-expert", done],
        ["Pair programmer review improvements implemented", "", done],
      ],
    },
    {
      name: "Frontend API Optimization",
      timeframe: "Week 4",
      tasks: [
        ["API deduplication layer", "nextjs-ui-architect", done],
        ["Request batching", "nextjs-ui-architect", done],
        ["React Query configuration", "nextjs-ui-architect", done],
        ["Session storage utilities", "nextjs-ui-architect", done],
        ["Custom cache removal", "nextjs-ui-architect", done],
      ],
    },
    {
      name: "Frontend Architecture",
      timeframe: "Week 5",
      tasks: [
        ["GlobalContext provider", "", todo],
        ["Context consolidation", "", todo],
        ["Component memoization", "", todo],
        ["Progressive enhancement", "", todo],
        ["Canary deployment", "", todo],
      ],
    },
    {
      name: "Validation & Optimization",
      timeframe: "Week 6",
      tasks: [
        ["Performance testing", "", todo],
        ["User acceptance testing", "", todo],
        ["Documentation completion", "", todo],
        ["Training materials", "", todo],
        ["Full rollout", "", todo],
      ],
    },
  ],
  team: [
    ["pgvector-data-architect", "green", "Complete", "Cache schema & models", 100],
    ["python-crewai-fastapi-expert", "green", "Complete", "API caching & WebSocket", 100],
    ["nextjs-ui-architect", "green", "Complete", "Frontend optimization", 100],
    ["qa-playwright-tester", "green", "Complete", "Test suite creation", 100],
    ["devsecops-linting-engineer", "red", "Not Started", "Security & infrastructure", 0],
    ["enterprise-product-owner", "red", "Not Started", "Rollout strategy", 0],
    ["agile-velocity-optimizer", "red", "Not Started", "Sprint optimization", 0],
  ],
  metrics: [
    {
      group: "summary",
      name: "Timeline",
      current: "Week 1-2",
      target: "6 weeks",
      health: "green",
      label: "On Track",
    },
    {
      group: "summary",
      name: "Team Readiness",
      current: "85%",
      target: "100%",
      health: "yellow",
      label: "In Progress",
    },
    {
      group: "summary",
      name: "Phases Complete",
      current: "2.5",
      target: "5",
      health: "green",
      label: "Ahead of Schedule",
    },
    {
      group: "summary",
      name: "Blockers",
      current: "0",
      target: "0",
      health: "green",
      label: "Clear",
    },
    {
      group: "summary",
      name: "Code Committed",
      current: "Yes",
      target: "N/A",
      health: "green",
      label: "Active",
    },
    {
      group: "performance",
      name: "API Calls/Page Load",
      baseline: "TBD",
      current: "TBD",
      target: "-70%",
      health: "red",
    },
    {
      group: "performance",
      name: "Page Load Time",
      baseline: "TBD",
      current: "TBD",
      target: "-50%",
      health: "red",
    },
    {
      group: "performance",
      name: "Cache Hit Ratio",
      baseline: "0%",
      current: "0%",
      target: "80%",
      health: "red",
    },
    {
      group: "performance",
      name: "Re-render Count",
      baseline: "TBD",
      current: "TBD",
      target: "-60%",
      health: "red",
    },
    { group: "quality", name: "Test Coverage", current: "0%", target: "100%", health: "red" },
    {
      group: "quality",
      name: "Security Vulnerabilities",
      current: "Unknown",
      target: "0",
      health: "yellow",
    },
    {
      group: "quality",
      name: "Pre-commit Checks",
      current: "N/A",
      target: "Pass",
      health: "yellow",
    },
    { group: "quality", name: "Documentation", current: "20%", target: "100%", health: "yellow" },
  ],
  risks: [
    [
      "Cache invalidation complexity",
      "high",
      "medium",
      "Phased rollout, extensive testing",
      "pgvector-data-architect",
    ],
    [
      "Frontend context migration",
      "high",
      "medium",
      "Feature flags, canary deployment",
      "nextjs-ui-architect",
    ],
    [
      "Multi-tenant security",
      "high",
      "low",
      "Security review, pen testing",
      "devsecops-linting-engineer",
    ],
    ["Performance degradation", "medium", "low", "Continuous monitoring", "qa-playwright-tester"],
  ],
  milestones: [
    {
      title: "Week 1 (Starting 2025-07-31)",
      items: [
        "All agents assigned and briefed",
        "Redis infrastructure ready",
        "Monitoring setup complete",
        "Cache schema designed",
        "Baseline metrics captured",
      ],
    },
    {
      title: "Week 2",
      items: [
        "Backend caching for user context live",
        "ETag support implemented",
        "Initial test suite ready",
        "Performance improvements measurable",
      ],
    },
    {
      title: "Week 3",
      items: [
        "Cache invalidation service complete",
        "WebSocket events working",
        "Security review passed",
        "50% backend caching complete",
      ],
    },
    {
      title: "Week 4",
      items: [
        "Frontend deduplication ready",
        "React Query optimized",
        "Custom cache removed",
        "Frontend tests passing",
      ],
    },
    {
      title: "Week 5",
      items: [
        "GlobalContext implemented",
        "Contexts consolidated",
        "Canary deployment live",
        "UAT in progress",
      ],
    },
    {
      title: "Week 6",
      items: [
        "All tests passing",
        "Documentation complete",
        "Training delivered",
        "Full production rollout",
      ],
    },
  ],
  log: [
    ["2025-07-31T09:00:00Z", "Progress dashboard created, team orchestration plan finalized"],
    ["2025-07-31T10:00:00Z", "Launched expert agents with specific task briefs"],
    ["2025-07-31T11:00:00Z", "pgvector-data-architect completed cache schema design"],
    ["2025-07-31T12:00:00Z", "python-crewai-fastapi-expert completed API caching implementation"],
    ["2025-07-31T14:00:00Z", "qa-playwright-tester completed comprehensive test suite"],
    ["2025-07-31T15:00:00Z", "nextjs-ui-architect completed frontend optimization"],
    ["2025-07-31T16:00:00Z", "Updated progress dashboard - 4 of 7 agents completed tasks"],
    [
      "2025-07-31T17:00:00Z",
      [
        "Implemented pair programmer review improvements:",
        "- Refactored cascade invalidation with structured relationships",
        "- Simplified cache type detection with dictionary mapping",
        "- Implemented request deduplication in middleware",
        "- Extracted ETag logic into reusable utilities",
        "- Improved TypeScript type safety for WebSocket messages",
      ].join("\n"),
    ],
    [
      "2025-07-31T17:30:00Z",
      "All improvements committed to Git on feature/redis-cache-implementation branch",
    ],
  ],
};

const launchPlan: DemoProject = {
  name: "Globex Product Launch",
  description: "Getting the new product line to market by the end of the quarter.",
  status: "Planning",
  health: "yellow",
  owner: "Hank Scorpio",
  updatedAt: "2025-08-04T09:00:00Z",
  phases: [
    {
      name: "Market Research",
      timeframe: "Weeks 1-2",
      tasks: [
        ["Competitor analysis", "Strategy team", done],
        ["Customer interviews", "Research team", "doing"],
      ],
    },
    {
      name: "Launch",
      timeframe: "Weeks 3-4",
      tasks: [
        ["Press kit", "Marketing", todo],
        ["Launch event", "Events", todo],
      ],
    },
  ],
  team: [
    ["Strategy team", "green", "Complete", "Competitor analysis", 100],
    ["Research team", "yellow", "In Progress", "Customer interviews", 40],
  ],
  metrics: [
    {
      group: "summary",
      name: "Timeline",
      current: "Week 1",
      target: "4 weeks",
      health: "green",
      label: "On Track",
    },
    {
      group: "performance",
      name: "Sign-ups",
      baseline: "0",
      current: "120",
      target: "1000",
      health: "yellow",
    },
    {
      group: "quality",
      name: "Launch checklist",
      current: "25%",
      target: "100%",
      health: "yellow",
    },
  ],
  risks: [
    ["Supplier delay", "medium", "medium", "Second supplier on standby", "Operations"],
  ],
  milestones: [{ title: "Week 1", items: ["Research plan approved", "Interview list ready"] }],
  log: [["2025-08-04T09:00:00Z", "Launch plan kicked off"]],
};

/** The demo tenants, exactly as the README and tests describe them. */
export const DEMO_TENANTS: DemoTenant[] = [
  {
    name: "Acme",
    slug: "acme",
    users: [
      { email: "ada@acme.test", name: "Ada Lovelace", phone: "+1 555 0100", role: "owner" },
      { email: "grace@acme.test", name: "Grace Hopper", phone: "+1 555 0101", role: "member" },
      { email: "linus@acme.test", name: "Linus Torvalds", phone: null, role: "viewer" },
    ],
    projects: [redisCaching],
  },
  {
    name: "Globex",
    slug: "globex",
    users: [
      { email: "hank@globex.test", name: "Hank Scorpio", phone: "+1 555 0199", role: "owner" },
    ],
    projects: [launchPlan],
  },
];

/** The flags every installation starts with (global defaults). */
export const DEMO_FLAGS = [
  { key: "cache", description: "Serve pages and API responses through the cache" },
  { key: "live_updates", description: "Push changes to open pages over the WebSocket" },
  { key: "request_batching", description: "Revalidate changed resources in one batched request" },
];
