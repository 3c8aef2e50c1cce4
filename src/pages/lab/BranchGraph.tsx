import dagre from '@dagrejs/dagre';
import { Background, Controls, Position, ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { Branch, SensitivityReport } from '../../../workers/contract';
import { formatNumber } from '../../components/format';
import { isWarned, splitsByParent, toneOf, TONES, type SplitInfo } from './branchTree';

const NODE_W = 230;
const GOAL_ID = '__goal__';
/** Text lines are 13 px × 1.25; about 30 characters fit on one line of a node. */
const LINE_H = 17;
const CHARS_PER_LINE = 30;
const NODE_PAD = 20;
const NODE_SEP = 14;
const RANK_SEP = 48;
/** The canvas grows with the tree up to this height; the fit zooms out so every node stays in view. */
const MIN_CANVAS = 280;
const MAX_CANVAS = 640;
const FIT_MIN_ZOOM = 0.2;
const FIT_MAX_ZOOM = 1.1;

const ARIA_LABELS = {
  'node.a11yDescription.default': 'Press Enter or Space to open this branch.',
  'node.a11yDescription.keyboardDisabled': 'Press Enter or Space to open this branch.',
};

/** A child shows only its own split (the edge shows whose child it is); the accessible name has it all. */
function shortLabel(b: Branch): string {
  return b.parent_id ? b.label.slice(b.label.lastIndexOf(' › ') + 3) : b.label;
}

function splitLine(s: SplitInfo): string {
  return `splits on ${s.factor}: moves the mean by ${formatNumber(Math.abs(s.delta))}`;
}

function nodeLines(b: Branch, split?: SplitInfo): string[] {
  const lines = [
    `${isWarned(b) ? '⚠ ' : ''}${shortLabel(b)}`,
    `U ${b.scores.utility.toFixed(2)} · R ${b.scores.risk.toFixed(2)}`,
  ];
  if (split) lines.push(splitLine(split));
  return lines;
}

function heightOf(lines: string[]): number {
  return NODE_PAD + LINE_H * lines.reduce((n, l) => n + Math.ceil(l.length / CHARS_PER_LINE), 0);
}

/** The accessible name starts with the node's visible words (so speech commands match what is seen). */
function describe(b: Branch, split?: SplitInfo): string {
  const visible = nodeLines(b, split).slice(1).join(', ');
  const warn = isWarned(b) ? ', warning: a stakeholder falls below their floor' : '';
  const s = split
    ? `, mean ${formatNumber(split.lowMean)} when ${split.factor} is low, ${formatNumber(split.highMean)} when high`
    : '';
  return `Branch ${b.label}, ${visible}${warn}${s}`;
}

/**
 * The branch tree laid out left to right by dagre, from the goal (the root) through the scenarios to
 * their splits. Each branch is a button: click it, or Tab to it and press Enter or Space, to open it.
 * Loaded only once a result exists (the graph library is the page's heaviest dependency).
 */
export function BranchGraph({
  goal,
  branches,
  selected,
  onSelect,
  sensitivity,
}: {
  goal: string;
  branches: Branch[];
  selected: string | null;
  onSelect: (id: string) => void;
  sensitivity?: SensitivityReport | null;
}) {
  const splits = useMemo(() => splitsByParent(branches, sensitivity), [branches, sensitivity]);
  const goalText = `Goal: ${goal.length > 90 ? `${goal.slice(0, 88)}…` : goal}`;

  const layout = useMemo(() => {
    const g = new dagre.graphlib.Graph();
    g.setGraph({ rankdir: 'LR', nodesep: NODE_SEP, ranksep: RANK_SEP, marginx: 8, marginy: 8 });
    g.setDefaultEdgeLabel(() => ({}));
    g.setNode(GOAL_ID, { width: NODE_W, height: heightOf([goalText]) });
    // Dagre stacks siblings in the reverse of their insertion order; reversed here, baseline comes first.
    const ordered = [...branches].reverse();
    for (const b of ordered)
      g.setNode(b.id, { width: NODE_W, height: heightOf(nodeLines(b, splits.get(b.id))) });
    for (const b of ordered) g.setEdge(b.parent_id ?? GOAL_ID, b.id);
    dagre.layout(g);
    const positions = new Map(
      [GOAL_ID, ...branches.map((b) => b.id)].map((id) => {
        const p = g.node(id);
        return [id, { x: p.x - NODE_W / 2, y: p.y - p.height / 2, h: p.height }] as const;
      }),
    );
    return { positions, width: g.graph().width ?? NODE_W, height: g.graph().height ?? MIN_CANVAS };
  }, [branches, splits, goalText]);

  // The canvas is as tall as the tree needs at the zoom that fits its width (a phone gets a short
  // canvas, not a tall empty one); the width is read before React Flow mounts, so its one fit is right.
  const box = useRef<HTMLDivElement>(null);
  const [boxWidth, setBoxWidth] = useState<number | null>(null);
  useLayoutEffect(() => setBoxWidth(box.current?.clientWidth ?? null), []);
  const scale = boxWidth ? Math.min(FIT_MAX_ZOOM, boxWidth / (layout.width + 16)) : 1;
  const canvas = Math.round(Math.min(MAX_CANVAS, Math.max(MIN_CANVAS, layout.height * scale + 24)));

  const { nodes, edges } = useMemo(() => {
    const goalPos = layout.positions.get(GOAL_ID)!;
    const goalNode: Node = {
      id: GOAL_ID,
      position: { x: goalPos.x, y: goalPos.y },
      data: { label: goalText },
      sourcePosition: Position.Right,
      targetPosition: Position.Left,
      selectable: false,
      focusable: false,
      style: {
        width: NODE_W,
        height: goalPos.h,
        boxSizing: 'border-box',
        background: '#1d2440',
        color: '#fff',
        border: '1px solid #1d2440',
        fontSize: 13,
        lineHeight: 1.25,
        padding: '6px 8px',
        fontWeight: 600,
      },
      className: 'goal-node',
    };
    const nodes: Node[] = [
      goalNode,
      ...branches.map((b): Node => {
        const p = layout.positions.get(b.id)!;
        const tone = TONES[toneOf(b)];
        const split = splits.get(b.id);
        return {
          id: b.id,
          position: { x: p.x, y: p.y },
          data: { label: nodeLines(b, split).join('\n') },
          sourcePosition: Position.Right,
          targetPosition: Position.Left,
          ariaRole: 'button',
          ariaLabel: describe(b, split),
          domAttributes: b.id === selected ? { 'aria-current': 'true' } : {},
          style: {
            width: NODE_W,
            height: p.h,
            boxSizing: 'border-box',
            background: tone.background,
            color: '#1d2440',
            border: b.id === selected ? '3px solid #1d2440' : tone.border,
            whiteSpace: 'pre-line',
            fontSize: 13,
            lineHeight: 1.25,
            padding: '6px 8px',
            cursor: 'pointer',
          },
          className: 'branch-node',
        };
      }),
    ];
    const labelOf = new Map(branches.map((b) => [b.id, b.label]));
    const edges: Edge[] = branches.map((b) => ({
      id: `${b.parent_id ?? GOAL_ID}->${b.id}`,
      source: b.parent_id ?? GOAL_ID,
      target: b.id,
      ariaLabel: `Link from ${b.parent_id ? labelOf.get(b.parent_id) : 'the root'} to ${b.label}`,
    }));
    return { nodes, edges };
  }, [branches, selected, layout, splits, goalText]);

  // React Flow's own Enter/Space handling only touches its internal selection, so the keys open the branch here.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const node = (e.target as HTMLElement).closest<HTMLElement>('.react-flow__node');
    const id = node?.dataset.id;
    if (!id || id === GOAL_ID) return;
    e.preventDefault();
    onSelect(id);
  };

  return (
    <figure className="branch-graph-figure">
      <div
        className="branch-graph"
        data-testid="branch-graph"
        style={{ height: canvas }}
        onKeyDown={onKeyDown}
        ref={box}
      >
        {boxWidth !== null && (
          <ReactFlow
            nodes={nodes}
            edges={edges}
            fitView
            fitViewOptions={{ padding: 0.03, minZoom: FIT_MIN_ZOOM, maxZoom: FIT_MAX_ZOOM }}
            minZoom={0.1}
            maxZoom={2}
            nodesDraggable={false}
            nodesConnectable={false}
            elementsSelectable={false}
            edgesFocusable={false}
            ariaLabelConfig={ARIA_LABELS}
            onNodeClick={(_, n) => n.id !== GOAL_ID && onSelect(n.id)}
            proOptions={{ hideAttribution: true }}
          >
            <Background />
            <Controls showInteractive={false} />
          </ReactFlow>
        )}
      </div>
      <figcaption>
        <ul className="chart-legend tree-legend" aria-label="What the colours mean">
          {(['good', 'mixed', 'poor', 'warned'] as const).map((t) => (
            <li key={t}>
              <span className="swatch" style={{ background: TONES[t].background, border: TONES[t].border }} />
              {t === 'warned' ? '⚠ ' : ''}
              {TONES[t].words}
            </li>
          ))}
        </ul>
        <p className="muted small">
          The goal is the root; each scenario hangs from it, and each split names the factor it divides and
          how far apart its two halves' average outcomes lie. U is utility, R is risk. Click a branch, or Tab
          to it and press Enter, to open it; drag to pan, scroll or use the buttons to zoom.
        </p>
      </figcaption>
    </figure>
  );
}
