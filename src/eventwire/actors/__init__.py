"""Actors: who did it, who claimed it, who reported it, under one canonical name each."""

from eventwire.actors.canonical import ActorLexicon, ActorMatch, actor_lexicon, is_state_force

__all__ = ["ActorLexicon", "ActorMatch", "actor_lexicon", "is_state_force"]
