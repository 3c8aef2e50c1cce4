import dagre from '@dagrejs/dagre';
import { Background, Controls, ReactFlow, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import type { Branch } from '../../../workers/contract';
import { scoreColor } from './scoreColor';

const W = 170;
const H = 54;

/** The branch tree laid out top-down by dagre; pan and zoom with the mouse or the controls. */
export function BranchGraph({
  branches,
  selected,
  onSelect,
}: {
  branches: Branch[];
  selected: string | null;
  onSelect: (id: string) => void;
}) {
  const { nodes, edges } = useMemo(() => {
    const g = new dagre.graphlib.Graph();
    g.setGraph({ rankdir: 'TB', nodesep: 18, ranksep: 50 });
    g.setDefaultEdgeLabel(() => ({}));
    for (const b of branches) g.setNode(b.id, { width: W, height: H });
    // Top-level scenarios hang under an invisible root so they share one rank.
    g.setNode('root', { width: 1, height: 1 });
    for (const b of branches) g.setEdge(b.parent_id ?? 'root', b.id);
    dagre.layout(g);
    const nodes: Node[] = branches.map((b) => {
      const p = g.node(b.id);
      return {
        id: b.id,
        position: { x: p.x - W / 2, y: p.y - H / 2 },
        data: { label: `${b.label}\nU ${b.scores.utility.toFixed(2)} · R ${b.scores.risk.toFixed(2)}` },
        ariaLabel: `Branch ${b.label}, utility ${b.scores.utility.toFixed(2)}, risk ${b.scores.risk.toFixed(2)}`,
        style: {
          width: W,
          background: scoreColor(b.scores.utility, b.scores.risk),
          border: b.id === selected ? '3px solid #1d2440' : '1px solid #8891b0',
          whiteSpace: 'pre-line',
          fontSize: 12,
        },
        className: 'branch-node',
      };
    });
    const edges: Edge[] = branches
      .filter((b) => b.parent_id)
      .map((b) => ({ id: `${b.parent_id}->${b.id}`, source: b.parent_id!, target: b.id }));
    return { nodes, edges };
  }, [branches, selected]);

  return (
    <div className="branch-graph" data-testid="branch-graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        fitView
        minZoom={0.1}
        nodesDraggable={false}
        nodesConnectable={false}
        onNodeClick={(_, n) => onSelect(n.id)}
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
