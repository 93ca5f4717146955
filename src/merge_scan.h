/*
 * merge_scan.h
 *		The ordered merge of index streams for the listings (merge_scan.c).
 */
#ifndef ENROLLMENT_MERGE_SCAN_H
#define ENROLLMENT_MERGE_SCAN_H

extern void ms_init(void);

#endif							/* ENROLLMENT_MERGE_SCAN_H */
