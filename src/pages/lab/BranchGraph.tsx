import dagre from '@dagrejs/dagre';
import { Background, Controls, Position, ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo, type KeyboardEvent } from 'react';
import type { Branch } from '../../../workers/contract';
import { formatScore } from '../../components/format';
import { scoreColor } from './scoreColor';

const NODE_W = 230;
/** Text lines are 13 px × 1.25; about 30 characters fit on one line of a node. */
const LINE_H = 17;
const CHARS_PER_LINE = 30;
const NODE_PAD = 20;
const NODE_SEP = 14;
const RANK_SEP = 56;
/** The canvas grows with the tree up to this height; beyond it the graph is panned or zoomed. */
const MIN_CANVAS = 280;
const MAX_CANVAS = 720;
/** Fitting the tree never shrinks labels below about 10 px (13 px × 0.75); the user can zoom out further. */
const FIT_MIN_ZOOM = 0.75;
const FIT_MAX_ZOOM = 1.2;

const ARIA_LABELS = {
  'node.a11yDescription.default': 'Press Enter or Space to open this branch.',
  'node.a11yDescription.keyboardDisabled': 'Press Enter or Space to open this branch.',
};

/** A child shows only its own split (the edge shows whose child it is); the accessible name has it all. */
function shortLabel(b: Branch): string {
  return b.parent_id ? b.label.slice(b.label.lastIndexOf(' › ') + 3) : b.label;
}

/** The node's text: its label, then utility and risk. */
function nodeText(b: Branch): string {
  return `${shortLabel(b)}\nU ${formatScore(b.scores.utility, 2)} · R ${formatScore(b.scores.risk, 2)}`;
}

/** Height for the node's text, so the layout leaves room for labels that wrap. */
function nodeHeight(b: Branch): number {
  return NODE_PAD + LINE_H * (Math.ceil(shortLabel(b).length / CHARS_PER_LINE) + 1);
}

function describe(b: Branch): string {
  return `Branch ${b.label}, utility ${formatScore(b.scores.utility, 2)}, risk ${formatScore(b.scores.risk, 2)}`;
}

/**
 * The branch tree laid out left to right by dagre (a tree is wider than deep, and the page is wider than
 * tall). Each node is a button: click it, or Tab to it and press Enter or Space, to open the branch.
 */
export function BranchGraph({
  branches,
  selected,
  onSelect,
}: {
  branches: Branch[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const layout = useMemo(() => {
    const g = new dagre.graphlib.Graph();
    g.setGraph({ rankdir: 'LR', nodesep: NODE_SEP, ranksep: RANK_SEP, marginx: 8, marginy: 8 });
    g.setDefaultEdgeLabel(() => ({}));
    // Top-level scenarios hang under an invisible root so they share one rank.
    g.setNode('root', { width: 1, height: 1 });
    // Dagre stacks siblings in the reverse of their insertion order; reversed here, baseline comes first.
    const ordered = [...branches].reverse();
    for (const b of ordered) g.setNode(b.id, { width: NODE_W, height: nodeHeight(b) });
    for (const b of ordered) g.setEdge(b.parent_id ?? 'root', b.id);
    dagre.layout(g);
    const positions = new Map(
      branches.map((b) => {
        const p = g.node(b.id);
        return [b.id, { x: p.x - NODE_W / 2, y: p.y - p.height / 2 }] as const;
      }),
    );
    const height = g.graph().height ?? MIN_CANVAS;
    return { positions, canvas: Math.round(Math.min(MAX_CANVAS, Math.max(MIN_CANVAS, height + 32))) };
  }, [branches]);

  const { nodes, edges } = useMemo(() => {
    const nodes: Node[] = branches.map((b) => ({
      id: b.id,
      position: layout.positions.get(b.id)!,
      data: { label: nodeText(b) },
      sourcePosition: Position.Right,
      targetPosition: Position.Left,
      ariaRole: 'button',
      ariaLabel: describe(b),
      domAttributes: b.id === selected ? { 'aria-current': 'true' } : {},
      style: {
        width: NODE_W,
        height: nodeHeight(b),
        boxSizing: 'border-box',
        background: scoreColor(b.scores.utility, b.scores.risk),
        border: b.id === selected ? '3px solid #1d2440' : '1px solid #8891b0',
        whiteSpace: 'pre-line',
        fontSize: 13,
        lineHeight: 1.25,
        padding: '6px 8px',
        cursor: 'pointer',
      },
      className: 'branch-node',
    }));
    const edges: Edge[] = branches
      .filter((b) => b.parent_id)
      .map((b) => ({ id: `${b.parent_id}->${b.id}`, source: b.parent_id!, target: b.id }));
    return { nodes, edges };
  }, [branches, selected, layout]);

  // React Flow's own Enter/Space handling only touches its internal selection, so the keys open the branch here.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const node = (e.target as HTMLElement).closest<HTMLElement>('.react-flow__node');
    const id = node?.dataset.id;
    if (!id) return;
    e.preventDefault();
    onSelect(id);
  };

  return (
    <figure className="branch-graph-figure">
      <div
        className="branch-graph"
        data-testid="branch-graph"
        style={{ height: layout.canvas }}
        onKeyDown={onKeyDown}
      >
        <ReactFlow
          nodes={nodes}
          edges={edges}
          fitView
          fitViewOptions={{ padding: 0.04, minZoom: FIT_MIN_ZOOM, maxZoom: FIT_MAX_ZOOM }}
          minZoom={0.2}
          maxZoom={2}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          edgesFocusable={false}
          ariaLabelConfig={ARIA_LABELS}
          onNodeClick={(_, n) => onSelect(n.id)}
          proOptions={{ hideAttribution: true }}
        >
          <Background />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
      <figcaption className="muted small">
        U is utility, R is risk; green branches are useful and safe, red ones are not. Click a branch, or Tab
        to it and press Enter, to open it. Drag to pan; scroll or use the buttons to zoom.
      </figcaption>
    </figure>
  );
}
